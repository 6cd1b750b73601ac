// The IAM statements every InlineLambda gets besides what its code calls: its own logs, its
// network interfaces in the private subnets, traces, and what its invocation kind needs.
import * as pulumi from "@pulumi/pulumi";
import { keyUseStatement, PolicyStatement } from "./iam";

export interface BaselineScope {
    region: string;
    accountId: pulumi.Input<string>;
    logGroupArn: pulumi.Input<string>;
}

/** Logs to its own group, ENIs in this account's subnets, X-Ray (which only accepts Resource "*"). */
export function baselineStatements(scope: BaselineScope): PolicyStatement[] {
    const ec2Arn = (resource: string) => pulumi.interpolate`arn:aws:ec2:${scope.region}:${scope.accountId}:${resource}/*`;
    return [
        {
            sid: "WriteOwnLogs",
            actions: ["logs:CreateLogStream", "logs:PutLogEvents"],
            resources: [pulumi.interpolate`${scope.logGroupArn}:*`],
        },
        {
            sid: "AttachToPrivateSubnets",
            actions: [
                "ec2:CreateNetworkInterface",
                "ec2:DeleteNetworkInterface",
                "ec2:AssignPrivateIpAddresses",
                "ec2:UnassignPrivateIpAddresses",
            ],
            resources: [ec2Arn("network-interface"), ec2Arn("subnet"), ec2Arn("security-group")],
        },
        { sid: "DescribeNetworking", actions: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"], resources: ["*"] },
        { sid: "WriteTraces", actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"], resources: ["*"] },
    ];
}

/** Lambda sends failed events or batches to the encrypted queue with the function's own role. */
export function failureQueueStatements(queueArn: pulumi.Input<string>, keyArn: pulumi.Input<string>): PolicyStatement[] {
    return [{ sid: "SendFailuresToQueue", actions: ["sqs:SendMessage"], resources: [queueArn] }, keyUseStatement(keyArn)];
}

/** What the event source mapping reads from the stream, with the function's role. */
export function streamReadStatement(source: "kinesis" | "dynamodb", streamArn: pulumi.Input<string>): PolicyStatement {
    return source === "kinesis"
        ? {
              sid: "ReadKinesisStream",
              actions: [
                  "kinesis:DescribeStream",
                  "kinesis:DescribeStreamSummary",
                  "kinesis:GetRecords",
                  "kinesis:GetShardIterator",
                  "kinesis:ListShards",
                  "kinesis:SubscribeToShard",
              ],
              resources: [streamArn],
          }
        : {
              sid: "ReadDynamoDbStream",
              actions: ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
              resources: [streamArn],
          };
}
