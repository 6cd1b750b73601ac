// The Kinesis stream: encrypted with the platform key, on demand or provisioned, with alarms for
// write throttling and for records waiting too long to be read.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { topicAlarm } from "../alarms";
import { iteratorAgeAlarmMs, StreamMode, streamEncryption } from "../defaults/stream-ingest-defaults";
import type { PlatformContext } from "../platform-context";

export interface StreamSettings {
    mode: StreamMode;
    /** Provisioned mode only. */
    shardCount: number;
    retentionHours: number;
}

export function createStream(
    name: string,
    platform: PlatformContext,
    settings: StreamSettings,
    tags: Record<string, string>,
    parent: pulumi.Resource,
): aws.kinesis.Stream {
    const child = { parent };
    const stream = new aws.kinesis.Stream(
        `${name}-stream`,
        {
            ...streamEncryption,
            kmsKeyId: platform.encryptionKey.arn,
            retentionPeriod: settings.retentionHours,
            streamModeDetails: { streamMode: settings.mode },
            shardCount: settings.mode === "PROVISIONED" ? settings.shardCount : undefined,
            tags,
        },
        child,
    );
    const dimensions = { StreamName: stream.name };
    topicAlarm(
        `${name}-stream-write-throttled`,
        {
            description: `${name}: Kinesis refused writes (throughput exceeded); the producer retries, callers may see failed events`,
            namespace: "AWS/Kinesis",
            metricName: "WriteProvisionedThroughputExceeded",
            dimensions,
            statistic: "Sum",
            threshold: 1,
            comparison: "GreaterThanOrEqualToThreshold",
        },
        platform.alarmTopicArn,
        child,
    );
    topicAlarm(
        `${name}-stream-iterator-age`,
        {
            description: `${name}: records wait over an hour on the stream before they are read`,
            namespace: "AWS/Kinesis",
            metricName: "GetRecords.IteratorAgeMilliseconds",
            dimensions,
            statistic: "Maximum",
            threshold: iteratorAgeAlarmMs,
            comparison: "GreaterThanOrEqualToThreshold",
        },
        platform.alarmTopicArn,
        child,
    );
    return stream;
}
