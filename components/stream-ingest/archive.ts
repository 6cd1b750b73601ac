// The raw archive: Firehose reads the stream and writes every record as received to S3, GZIP,
// encrypted with the platform key, under raw/events/year=/month=/day=/hour=, failures under
// raw/errors/. Firehose's own SSE applies only to Direct PUT; with a stream as the source the data
// stays encrypted by the stream, and the S3 destination by the platform key.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { archiveErrorPrefix, archiveObjectPrefix } from "../defaults/stream-ingest-defaults";
import { encryptedLogGroupArgs } from "../defaults/log-defaults";
import { assertLeastPrivilege, policyDocument, PolicyStatement, serviceTrustPolicy } from "../iam";
import type { PlatformContext } from "../platform-context";
import { SecureBucket } from "../secure-bucket";

export interface ArchiveSettings {
    bufferSizeMb: number;
    bufferIntervalSeconds: number;
}

export interface Archive {
    bucket: SecureBucket;
    deliveryStream: aws.kinesis.FirehoseDeliveryStream;
}

export function createArchive(
    name: string,
    platform: PlatformContext,
    stream: aws.kinesis.Stream,
    settings: ArchiveSettings,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): Archive {
    const child = { parent };
    const bucket = new SecureBucket(`${name}-archive`, { encryptionKey: platform.encryptionKey, tags }, child);
    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-archive-delivery`,
        { ...encryptedLogGroupArgs(platform.encryptionKey, platform.logRetentionInDays), tags },
        child,
    );
    const logStream = new aws.cloudwatch.LogStream(`${name}-archive-delivery`, { logGroupName: logGroup.name, name: "S3Delivery" }, child);

    const statements: PolicyStatement[] = [
        {
            sid: "ReadSourceStream",
            actions: ["kinesis:DescribeStream", "kinesis:GetShardIterator", "kinesis:GetRecords", "kinesis:ListShards"],
            resources: [stream.arn],
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
            resources: [bucket.bucket.arn, pulumi.interpolate`${bucket.bucket.arn}/*`],
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
    assertLeastPrivilege(`${name} archive delivery`, statements);
    const role = new aws.iam.Role(
        `${name}-archive-delivery`,
        {
            description: `${name}: Firehose reads the event stream and writes the raw archive`,
            assumeRolePolicy: serviceTrustPolicy("firehose.amazonaws.com", platform.accountId),
            tags,
        },
        child,
    );
    const rolePolicy = new aws.iam.RolePolicy(`${name}-archive-delivery`, { role: role.id, policy: policyDocument(statements) }, child);

    const deliveryStream = new aws.kinesis.FirehoseDeliveryStream(
        `${name}-archive`,
        {
            destination: "extended_s3",
            kinesisSourceConfiguration: { kinesisStreamArn: stream.arn, roleArn: role.arn },
            extendedS3Configuration: {
                roleArn: role.arn,
                bucketArn: bucket.bucket.arn,
                prefix: archiveObjectPrefix,
                errorOutputPrefix: archiveErrorPrefix,
                bufferingSize: settings.bufferSizeMb,
                bufferingInterval: settings.bufferIntervalSeconds,
                compressionFormat: "GZIP",
                kmsKeyArn: platform.encryptionKey.arn,
                cloudwatchLoggingOptions: { enabled: true, logGroupName: logGroup.name, logStreamName: logStream.name },
            },
            tags,
        },
        { parent, dependsOn: [rolePolicy, ...bucket.ready] }, // Firehose checks its role when it is created
    );
    return { bucket, deliveryStream };
}
