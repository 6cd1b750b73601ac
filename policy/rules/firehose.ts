// Firehose: the delivery stream and every place it writes to are encrypted.
import { isKind } from "../lib/resource-types";
import { resourceRule, stackRule } from "../lib/rule";
import { isRecord, knownOrUnknown, unknown } from "../lib/values";

export const firehoseEncrypted = resourceRule({
    name: "firehose-encrypted",
    description:
        "Firehose delivery streams encrypt buffered data with a customer-managed key, unless they read from a Kinesis stream, whose own encryption applies (cdk-nag AwsSolutions-KDF1, Security Hub DataFirehose.1).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-KDF1"],
    kinds: ["firehoseDeliveryStream"],
    check: (stream, report) => {
        if ("kinesisSourceConfiguration" in stream.props) {
            return; // SSE must not be enabled with a stream source; kinesis-stream-encrypted judges the source
        }
        const sse = stream.props.serverSideEncryption;
        if (!isRecord(sse) || sse.enabled !== true || sse.keyType !== "CUSTOMER_MANAGED_CMK" || !("keyArn" in sse)) {
            report(
                `Firehose ${stream.name} does not encrypt with the stack key: set serverSideEncryption { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn }`,
            );
        }
    },
});

/** S3 configurations (delivery or staging) that must name a KMS key, by the path they sit at. */
function s3Configurations(props: Record<string, unknown>): [string, Record<string, unknown>][] {
    const found: [string, Record<string, unknown>][] = [];
    const add = (path: string, value: unknown) => {
        if (isRecord(value)) {
            found.push([path, value]);
        }
    };
    add("extendedS3Configuration", props.extendedS3Configuration);
    for (const destination of [
        "extendedS3Configuration",
        "redshiftConfiguration",
        "opensearchConfiguration",
        "httpEndpointConfiguration",
        "splunkConfiguration",
        "icebergConfiguration",
    ]) {
        const block = props[destination];
        if (isRecord(block)) {
            add(`${destination}.s3Configuration`, block.s3Configuration);
            add(`${destination}.s3BackupConfiguration`, block.s3BackupConfiguration);
        }
    }
    return found;
}

export const firehoseDestinationsEncrypted = resourceRule({
    name: "firehose-destinations-encrypted",
    description:
        "Firehose writes encrypted: every S3 delivery, staging and backup configuration names a KMS key, and OpenSearch destinations are reached inside the VPC.",
    enforcementLevel: "mandatory",
    anchors: ["x-firehose-destinations"],
    kinds: ["firehoseDeliveryStream"],
    check: (stream, report) => {
        for (const [path, configuration] of s3Configurations(stream.props)) {
            if (!("kmsKeyArn" in configuration)) {
                report(`Firehose ${stream.name}: ${path} writes objects without a KMS key: set ${path}.kmsKeyArn to the stack key`);
            }
        }
        const search = stream.props.opensearchConfiguration ?? stream.props.elasticsearchConfiguration;
        if (isRecord(search) && !isRecord(search.vpcConfig)) {
            report(
                `Firehose ${stream.name} reaches its OpenSearch destination over the public endpoint: set opensearchConfiguration.vpcConfig`,
            );
        }
    },
});

export const firehoseS3DestinationInStack = stackRule({
    name: "firehose-s3-destination-in-stack",
    description:
        "A Firehose S3 delivery writes to a bucket of this stack (which the bucket rules hold to KMS, TLS-only and no public access) with a KMS key of this stack.",
    enforcementLevel: "mandatory",
    anchors: ["x-firehose-s3-destination"],
    kinds: ["firehoseDeliveryStream"],
    check: (stream, _resources, report) => {
        if (!("extendedS3Configuration" in stream.props)) {
            return;
        }
        const from = stream.propertyDependencies.extendedS3Configuration ?? [];
        const outside = [
            ...(from.some(d => isKind(d.type, "bucket")) ? [] : ["bucketArn from a bucket of this stack"]),
            ...(from.some(d => isKind(d.type, "kmsKey")) ? [] : ["kmsKeyArn from the stack key"]),
        ];
        if (outside.length > 0) {
            report(`Firehose ${stream.name} delivers outside this stack: set extendedS3Configuration ${outside.join(" and ")}`);
        }
    },
});

export const firehoseSourceStreamInStack = stackRule({
    name: "firehose-source-stream-in-stack",
    description:
        "A Firehose that reads a Kinesis stream reads one of this stack, whose encryption kinesis-stream-encrypted checks; a stream outside the stack (a source's external ARN) is reported so its encryption is checked where it is defined.",
    enforcementLevel: "advisory",
    anchors: ["x-firehose-source-stream"],
    kinds: ["firehoseDeliveryStream"],
    check: (stream, _resources, report) => {
        if (!("kinesisSourceConfiguration" in stream.props)) {
            return;
        }
        if (!(stream.propertyDependencies.kinesisSourceConfiguration ?? []).some(d => isKind(d.type, "kinesisStream"))) {
            const source = knownOrUnknown(() => stream.props.kinesisSourceConfiguration);
            const arn = isRecord(source) ? knownOrUnknown(() => source.kinesisStreamArn) : unknown;
            const named = typeof arn === "string" ? arn : "a stream";
            report(
                `Firehose ${stream.name} reads ${named}, a stream outside this stack: check there that it is encrypted with a customer-managed key, whose policy must let the delivery role decrypt`,
            );
        }
    },
});
