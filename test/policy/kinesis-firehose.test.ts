import { firehoseDestinationsEncrypted, firehoseEncrypted } from "../../policy/rules/firehose";
import { kinesisStreamEncrypted, kinesisStreamRetention } from "../../policy/rules/kinesis";
import { unknownAtPreview } from "../support/policy";
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
