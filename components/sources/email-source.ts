// An `email` source: an SES receipt rule (in the stack's one rule set) stores each message for the
// source's recipients in an encrypted receipt bucket that only SES, for this rule, may write; the
// bucket notifies the extractor (functions/sources/email-extractor.ts), which checks the sender and
// writes the CSV/JSON attachments to the raw zone, recording rejected messages with the reason.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { S3Event } from "aws-lambda";
import type { MessageOutcome } from "../../functions/sources/email-extractor";
import { emailExtractorHandler, emailPackages } from "../../functions/sources/lambda";
import {
    receiptRuleArn,
    receiptRuleSetName,
    receivedMailPrefix,
    receivedMailRetentionDays,
    sesPutStatement,
} from "../defaults/ses-defaults";
import { InlineLambda } from "../inline-lambda";
import { SecureBucket } from "../secure-bucket";
import type { SourceIngestion, SourceIngestionArgs, SourceIngestionBuilder } from "./ingestion";

const ruleSets = new WeakMap<pulumi.Resource, aws.ses.ReceiptRuleSet>();

/** The stack's receipt rule set: one per parent, shared by every e-mail source (SES activates one set per region). */
function ruleSetOf(parent: pulumi.Resource, ruleSetName: string): aws.ses.ReceiptRuleSet {
    let ruleSet = ruleSets.get(parent);
    if (!ruleSet) {
        ruleSet = new aws.ses.ReceiptRuleSet("email-sources-rules", { ruleSetName }, { parent });
        ruleSets.set(parent, ruleSet);
    }
    return ruleSet;
}

/** What an e-mail source deploys, for callers (and tests) that need more than the ingestion. */
export interface EmailIngestion {
    ingestion: SourceIngestion;
    mailBucket: SecureBucket;
    extractor: InlineLambda<S3Event, MessageOutcome[]>;
    rule: aws.ses.ReceiptRule;
}

export function createEmailIngestion(name: string, args: SourceIngestionArgs, parent: pulumi.Resource): EmailIngestion {
    const { source, platform, rawZone, rejectedPrefix, tags } = args;
    if (source.type !== "email") {
        throw new Error(`${source.file}: the email builder got a ${source.type} source`);
    }
    const { config } = source;
    const ruleSetName = receiptRuleSetName(pulumi.getProject(), pulumi.getStack());
    const ruleSet = ruleSetOf(parent, ruleSetName);
    const ruleName = source.name;
    const ruleArn = receiptRuleArn(platform.region, platform.accountId, ruleSetName, ruleName);

    const mail = new SecureBucket(
        `${name}-mail`,
        {
            encryptionKey: platform.encryptionKey,
            expiringPrefixes: [{ prefix: receivedMailPrefix, days: receivedMailRetentionDays }],
            policyStatements: bucketArn => [sesPutStatement(bucketArn, platform.accountId, ruleArn)],
            tags,
        },
        { parent },
    );

    const zoneArn = rawZone.bucket.arn;
    const extractor = new InlineLambda(
        `${name}-extractor`,
        {
            platform,
            description: `${source.name}: extracts the attachments of received mail into raw/${source.destination.prefix}`,
            handlerFactory: emailExtractorHandler({
                source: source.name,
                allowedSenders: config.allowedSenders.map(sender => sender.toLowerCase()),
                rawPrefix: rawZone.prefix,
                rejectedPrefix,
                maxAttachmentBytes: config.maxAttachmentMb * 1024 * 1024,
                format: source.schema.type,
                mapping: source.schema.mapping,
            }),
            packages: emailPackages,
            permissions: [
                {
                    sid: "ReadReceivedMail",
                    actions: ["s3:GetObject"],
                    resources: [pulumi.interpolate`${mail.bucket.arn}/${receivedMailPrefix}*`],
                },
                {
                    sid: "WriteRawAndRejected",
                    actions: ["s3:PutObject"],
                    resources: [pulumi.interpolate`${zoneArn}/${rawZone.prefix}*`, pulumi.interpolate`${zoneArn}/${rejectedPrefix}*`],
                },
                {
                    sid: "UsePlatformKeyThroughS3",
                    actions: ["kms:Decrypt", "kms:GenerateDataKey"],
                    resources: [platform.encryptionKey.arn],
                    condition: { StringEquals: { "kms:ViaService": `s3.${platform.region}.amazonaws.com` } },
                },
            ],
            securityGroup: platform.network.clientSecurityGroup(`${name}-extractor`, `${name}: the e-mail extractor Lambda`),
            invocation: { kind: "async" },
            environment: { SOURCE_ZONES_BUCKET: rawZone.bucket.bucket },
            timeoutSeconds: 120,
            memorySizeMb: 1024,
            tags,
        },
        { parent },
    );

    const permission = extractor.allowInvocation("mail", "s3.amazonaws.com", mail.bucket.arn);
    const notification = new aws.s3.BucketNotification(
        `${name}-mail`,
        {
            bucket: mail.bucket.id,
            lambdaFunctions: [
                { lambdaFunctionArn: extractor.function.arn, events: ["s3:ObjectCreated:*"], filterPrefix: receivedMailPrefix },
            ],
        },
        { parent, dependsOn: [permission, ...mail.ready] },
    );

    // SES writes a test object when the rule is created: the bucket policy and notification come first.
    const rule = new aws.ses.ReceiptRule(
        `${name}-receipt`,
        {
            name: ruleName,
            ruleSetName: ruleSet.ruleSetName,
            recipients: config.recipients,
            enabled: true,
            scanEnabled: true,
            tlsPolicy: "Require",
            s3Actions: [{ bucketName: mail.bucket.bucket, objectKeyPrefix: receivedMailPrefix, position: 1 }],
        },
        { parent, dependsOn: [notification, ...mail.ready] },
    );

    return {
        // The pack's ses-receiving-region (policy/rules/ses.ts) says when the region receives no mail.
        ingestion: { raw: rawZone, dependsOn: [rule, notification, extractor.function], notes: [] },
        mailBucket: mail,
        extractor,
        rule,
    };
}

export const emailSourceBuilder: SourceIngestionBuilder = (name, args, parent) => createEmailIngestion(name, args, parent).ingestion;
