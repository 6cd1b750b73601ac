// PlatformCore: the pieces every pipeline shares: the encryption key and the alarm topic.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { platformKeyDefaults, platformKeyPolicy } from "./defaults/kms-defaults";
import { denyInsecureTransportStatement } from "./iam";

export interface PlatformCoreArgs {
    accountId: pulumi.Input<string>;
    region: string;
    /** Addresses subscribed to the alarm topic. Default none (subscribe later, e.g. a pager). */
    alarmEmails?: string[];
    /** Protects the key from `pulumi destroy`. Default false. */
    protectKey?: boolean;
    tags?: Record<string, string>;
}

export class PlatformCore extends pulumi.ComponentResource {
    public readonly encryptionKey: aws.kms.Key;
    public readonly alarmTopic: aws.sns.Topic;

    constructor(name: string, args: PlatformCoreArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:core:PlatformCore", name, {}, opts);
        const tags = args.tags ?? {};

        this.encryptionKey = new aws.kms.Key(
            `${name}-key`,
            {
                ...platformKeyDefaults,
                policy: pulumi.jsonStringify(platformKeyPolicy(args.accountId, args.region)),
                tags,
            },
            { parent: this, protect: args.protectKey ?? false },
        );
        new aws.kms.Alias(
            `${name}-key`,
            {
                name: `alias/${name}`,
                targetKeyId: this.encryptionKey.keyId,
            },
            { parent: this },
        );

        this.alarmTopic = new aws.sns.Topic(
            `${name}-alarms`,
            {
                kmsMasterKeyId: this.encryptionKey.arn,
                tags,
            },
            { parent: this },
        );
        new aws.sns.TopicPolicy(
            `${name}-alarms`,
            {
                arn: this.alarmTopic.arn,
                policy: pulumi.jsonStringify({
                    Version: "2012-10-17",
                    Statement: [
                        {
                            Sid: "CloudWatchAlarmsOfThisAccountPublish",
                            Effect: "Allow",
                            Principal: { Service: "cloudwatch.amazonaws.com" },
                            Action: "sns:Publish",
                            Resource: this.alarmTopic.arn,
                            Condition: { StringEquals: { "aws:SourceAccount": args.accountId } },
                        },
                        denyInsecureTransportStatement("sns:Publish", this.alarmTopic.arn),
                    ],
                }),
            },
            { parent: this },
        );
        for (const [index, email] of (args.alarmEmails ?? []).entries()) {
            new aws.sns.TopicSubscription(
                `${name}-alarm-email-${index}`,
                {
                    topic: this.alarmTopic.arn,
                    protocol: "email",
                    endpoint: email,
                },
                { parent: this },
            );
        }

        this.registerOutputs({ keyArn: this.encryptionKey.arn, alarmTopicArn: this.alarmTopic.arn });
    }
}
