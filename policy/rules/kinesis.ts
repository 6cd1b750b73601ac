// Kinesis Data Streams: encrypted with the stack's key, records kept long enough to replay.
import { resourceRule } from "../lib/rule";
import { knownOrUnknown } from "../lib/values";

export const kinesisStreamEncrypted = resourceRule({
    name: "kinesis-stream-encrypted",
    description:
        'Kinesis streams encrypt records with the stack\'s customer-managed key: encryptionType "KMS" and kmsKeyId other than alias/aws/kinesis (cdk-nag AwsSolutions-KDS1, Security Hub Kinesis.1); @pulumi/aws defaults to NONE.',
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-KDS1"],
    kinds: ["kinesisStream"],
    check: (stream, report) => {
        // The key ARN is unknown until the key exists: present is enough.
        const key = knownOrUnknown(() => stream.props.kmsKeyId);
        if (stream.props.encryptionType !== "KMS") {
            report(`Kinesis stream ${stream.name} is not encrypted: set encryptionType to "KMS" and kmsKeyId to the stack key`);
        } else if (key === undefined || key === "alias/aws/kinesis") {
            report(`Kinesis stream ${stream.name} uses the AWS-managed key: set kmsKeyId to the stack key`);
        }
    },
});

/** Security Hub Kinesis.3's default minimum: seven days. */
const minimumRetentionHours = 168;

export const kinesisStreamRetention = resourceRule({
    name: "kinesis-stream-retention",
    description: `Kinesis streams keep records for at least ${minimumRetentionHours} hours, so a failed consumer can replay them (Security Hub Kinesis.3).`,
    enforcementLevel: "advisory",
    anchors: ["Kinesis.3"],
    kinds: ["kinesisStream"],
    check: (stream, report) => {
        const hours = stream.props.retentionPeriod;
        if (typeof hours !== "number" || hours < minimumRetentionHours) {
            report(
                `Kinesis stream ${stream.name} keeps records ${String(hours ?? 24)} hours: set retentionPeriod to ${minimumRetentionHours} or more`,
            );
        }
    },
});
