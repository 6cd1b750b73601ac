// VPC flow logs into an encrypted log group with retention, delivered through a role that only
// this account's flow-log service may assume.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { encryptedLogGroupArgs } from "./defaults/log-defaults";
import { serviceRole } from "./service-role";

export interface FlowLogArgs {
    vpcId: pulumi.Input<string>;
    accountId: pulumi.Input<string>;
    encryptionKey: aws.kms.Key;
    retentionInDays: number;
    tags: Record<string, string>;
}

/** Logs every accepted and rejected flow of the VPC; returns the log group. */
export function vpcFlowLogs(name: string, args: FlowLogArgs, opts: pulumi.CustomResourceOptions): aws.cloudwatch.LogGroup {
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-flow-logs`,
        { ...encryptedLogGroupArgs(args.encryptionKey, args.retentionInDays), tags: args.tags },
        opts,
    );
    const { role } = serviceRole(
        `${name}-flow-logs`,
        {
            service: "vpc-flow-logs.amazonaws.com",
            accountId: args.accountId,
            statements: [
                {
                    sid: "DeliverFlowLogs",
                    actions: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                    resources: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
                },
            ],
            tags: args.tags,
        },
        opts,
    );
    new aws.ec2.FlowLog(
        `${name}-flow-log`,
        {
            vpcId: args.vpcId,
            trafficType: "ALL",
            logDestinationType: "cloud-watch-logs",
            logDestination: logGroup.arn,
            iamRoleArn: role.arn,
            maxAggregationInterval: 60,
            tags: args.tags,
        },
        opts,
    );
    return logGroup;
}
