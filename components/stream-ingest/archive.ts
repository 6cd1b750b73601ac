// The raw archive: Firehose reads the stream and writes every record as received to S3, GZIP,
// encrypted with the platform key, under raw/events/year=/month=/day=/hour=, failures under
// raw/errors/ (components/stream-archive.ts builds the delivery).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { archiveErrorPrefix, archiveObjectPrefix } from "../defaults/stream-ingest-defaults";
import type { PlatformContext } from "../platform-context";
import { SecureBucket } from "../secure-bucket";
import { createStreamArchive } from "../stream-archive";

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
    const bucket = new SecureBucket(`${name}-archive`, { encryptionKey: platform.encryptionKey, tags }, { parent });
    const { deliveryStream } = createStreamArchive(
        `${name}-archive`,
        {
            platform,
            streamArn: stream.arn,
            bucket: bucket.bucket,
            bucketReady: bucket.ready,
            objectPrefix: archiveObjectPrefix,
            errorPrefix: archiveErrorPrefix,
            ...settings,
            description: `${name}: Firehose reads the event stream and writes the raw archive`,
            tags,
        },
        parent,
    );
    return { bucket, deliveryStream };
}
