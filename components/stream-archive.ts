// A Firehose delivery stream that archives a Kinesis stream into S3 as received: GZIP, encrypted
// with the platform key, under a time-partitioned prefix, failures under their own prefix, with a
// role that may read only that stream and write only the given prefixes, and delivery logs.
// Firehose's own SSE applies only to Direct PUT; with a stream as the source the data stays
// encrypted by the stream, and the S3 destination by the platform key.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { encryptedLogGroupArgs } from "./defaults/log-defaults";
import { assertLeastPrivilege, policyDocument, PolicyStatement, serviceTrustPolicy } from "./iam";
import type { PlatformContext } from "./platform-context";

export interface StreamArchiveArgs {
    platform: PlatformContext;
    /** The Kinesis stream Firehose reads. */
    streamArn: pulumi.Input<string>;
    /** The bucket it writes to, and the resources that finish configuring it (encryption, policy). */
    bucket: aws.s3.Bucket;
    bucketReady: pulumi.Resource[];
    /** Object key prefix, with Firehose's `!{timestamp:...}` expressions. */
    objectPrefix: string;
    /** Prefix of the records Firehose could not deliver, with `!{firehose:error-output-type}`. */
    errorPrefix: string;
    /** Key prefixes (without expressions) the role may write under. Default: the whole bucket. */
    writablePrefixes?: string[];
    bufferSizeMb: number;
    bufferIntervalSeconds: number;
    /** Shown on the delivery role. */
    description: string;
    tags: Record<string, string>;
}

export interface StreamArchive {
    deliveryStream: aws.kinesis.FirehoseDeliveryStream;
    role: aws.iam.Role;
}

/** Creates `${name}` (the delivery stream) and `${name}-delivery` (its role, policy and logs) under `parent`. */
export function createStreamArchive(name: string, args: StreamArchiveArgs, parent: pulumi.Resource): StreamArchive {
    const { platform, bucket, tags } = args;
    const child = { parent };
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-delivery`,
        { ...encryptedLogGroupArgs(platform.encryptionKey, platform.logRetentionInDays), tags },
        child,
    );
    const logStream = new aws.cloudwatch.LogStream(`${name}-delivery`, { logGroupName: logGroup.name, name: "S3Delivery" }, child);

    const objects = args.writablePrefixes
        ? args.writablePrefixes.map(prefix => pulumi.interpolate`${bucket.arn}/${prefix}*`)
        : [pulumi.interpolate`${bucket.arn}/*`];
    const statements: PolicyStatement[] = [
        {
            sid: "ReadSourceStream",
            actions: ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"],
            resources: [args.streamArn],
        },
        {
            sid: "WriteArchive",
            actions: [
                "s3:AbortMultipartUpload",
                "s3:GetBucketLocation",
                "s3:GetObject",
                "s3:ListBucket",
                "s3:ListBucketMultipartUploads",
                "s3:PutObject",
            ],
            resources: [bucket.arn, ...objects],
        },
        {
            sid: "UsePlatformKeyForStreamAndArchive",
            actions: ["kms:Decrypt", "kms:GenerateDataKey"],
            resources: [platform.encryptionKey.arn],
            condition: {
                StringEquals: {
                    "kms:ViaService": [`kinesis.${platform.region}.amazonaws.com`, `s3.${platform.region}.amazonaws.com`],
                },
            },
        },
        { sid: "WriteDeliveryLogs", actions: ["logs:PutLogEvents"], resources: [pulumi.interpolate`${logGroup.arn}:*`] },
    ];
    assertLeastPrivilege(`${name} delivery`, statements);
    const role = new aws.iam.Role(
        `${name}-delivery`,
        {
            description: args.description,
            assumeRolePolicy: serviceTrustPolicy("firehose.amazonaws.com", platform.accountId),
            tags,
        },
        child,
    );
    const rolePolicy = new aws.iam.RolePolicy(`${name}-delivery`, { role: role.id, policy: policyDocument(statements) }, child);

    const deliveryStream = new aws.kinesis.FirehoseDeliveryStream(
        name,
        {
            destination: "extended_s3",
            kinesisSourceConfiguration: { kinesisStreamArn: args.streamArn, roleArn: role.arn },
            extendedS3Configuration: {
                roleArn: role.arn,
                bucketArn: bucket.arn,
                prefix: args.objectPrefix,
                errorOutputPrefix: args.errorPrefix,
                bufferingSize: args.bufferSizeMb,
                bufferingInterval: args.bufferIntervalSeconds,
                compressionFormat: "GZIP",
                kmsKeyArn: platform.encryptionKey.arn,
                cloudwatchLoggingOptions: { enabled: true, logGroupName: logGroup.name, logStreamName: logStream.name },
            },
            tags,
        },
        { parent, dependsOn: [rolePolicy, ...args.bucketReady] }, // Firehose checks its role when it is created
    );
    return { deliveryStream, role };
}
