import {
    firehoseDestinationsEncrypted,
    firehoseEncrypted,
    firehoseS3DestinationInStack,
    firehoseSourceStreamInStack,
} from "../../policy/rules/firehose";
import { kinesisStreamEncrypted, kinesisStreamRetention } from "../../policy/rules/kinesis";
import type { EvaluatedResource } from "../../scripts/plan/evaluate";
import { resource, unknownAtPreview } from "../support/policy";
import { describeRule } from "../support/rule-cases";

const streamType = "aws:kinesis/stream:Stream";
const firehoseType = "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream";
const sse = { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: unknownAtPreview };
const s3 = { bucketArn: unknownAtPreview, roleArn: unknownAtPreview, kmsKeyArn: unknownAtPreview };

describeRule({
    rule: kinesisStreamEncrypted,
    type: streamType,
    compliant: { encryptionType: "KMS", kmsKeyId: unknownAtPreview },
    violating: { "the NONE default": {}, "the AWS-managed key": { encryptionType: "KMS", kmsKeyId: "alias/aws/kinesis" } },
    unknown: { encryptionType: unknownAtPreview, kmsKeyId: unknownAtPreview },
});

describeRule({
    rule: kinesisStreamRetention,
    type: streamType,
    compliant: { retentionPeriod: 168 },
    violating: { "the 24-hour default": {}, "a short retention": { retentionPeriod: 48 } },
    unknown: { retentionPeriod: unknownAtPreview },
});

describeRule({
    rule: firehoseEncrypted,
    type: firehoseType,
    compliant: { destination: "extended_s3", serverSideEncryption: sse },
    violating: {
        "no SSE": { destination: "extended_s3" },
        "an AWS-owned key": { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" } },
    },
    unknown: { destination: "extended_s3", serverSideEncryption: unknownAtPreview },
});

describeRule({
    rule: firehoseDestinationsEncrypted,
    type: firehoseType,
    compliant: {
        destination: "redshift",
        kinesisSourceConfiguration: { kinesisStreamArn: unknownAtPreview, roleArn: unknownAtPreview },
        redshiftConfiguration: {
            clusterJdbcurl: unknownAtPreview,
            dataTableName: "events",
            roleArn: unknownAtPreview,
            s3Configuration: s3,
        },
    },
    violating: {
        "an S3 destination without a key": {
            destination: "extended_s3",
            extendedS3Configuration: { bucketArn: unknownAtPreview, roleArn: unknownAtPreview },
        },
        "a Redshift staging bucket without a key": {
            destination: "redshift",
            redshiftConfiguration: { dataTableName: "events", s3Configuration: { bucketArn: unknownAtPreview } },
        },
        "an OpenSearch destination outside the VPC": {
            destination: "opensearch",
            opensearchConfiguration: { indexName: "i", s3Configuration: s3 },
        },
    },
    unknown: { destination: "extended_s3", extendedS3Configuration: unknownAtPreview },
});

const firehoseBuilt =
    (dependency: "extendedS3Configuration" | "kinesisSourceConfiguration") => (name: string, props: Record<string, unknown>) => {
        const bucket = resource("aws:s3/bucket:Bucket", `${name}-raw`, {});
        const key = resource("aws:kms/key:Key", `${name}-key`, {});
        const stream = resource(streamType, `${name}-events`, { encryptionType: "KMS", kmsKeyId: unknownAtPreview });
        const inStack = name !== "bad";
        const dependencies: Record<string, EvaluatedResource[]> = {
            [dependency]: inStack ? (dependency === "extendedS3Configuration" ? [bucket, key] : [stream]) : [],
        };
        return [resource(firehoseType, name, props, { propertyDependencies: dependencies }), bucket, key, stream];
    };

describeRule({
    rule: firehoseS3DestinationInStack,
    type: firehoseType,
    compliant: { destination: "extended_s3", extendedS3Configuration: s3 },
    violating: {
        "a delivery to an outside bucket with an outside key": {
            destination: "extended_s3",
            extendedS3Configuration: { bucketArn: "arn:aws:s3:::someone-elses", kmsKeyArn: "arn:aws:kms:us-east-1:111122223333:key/x" },
        },
    },
    build: firehoseBuilt("extendedS3Configuration"),
});

describeRule({
    rule: firehoseSourceStreamInStack,
    type: firehoseType,
    compliant: {
        destination: "extended_s3",
        kinesisSourceConfiguration: { kinesisStreamArn: unknownAtPreview, roleArn: unknownAtPreview },
    },
    violating: {
        "a Firehose reading a stream of another account": {
            destination: "extended_s3",
            kinesisSourceConfiguration: { kinesisStreamArn: "arn:aws:kinesis:us-east-1:210987654321:stream/partner", roleArn: "r" },
        },
    },
    build: firehoseBuilt("kinesisSourceConfiguration"),
});
