// StreamIngest keys (stream*), and the component's Args shaped from them.
import type { StreamIngestArgs } from "../components/stream-ingest";
import { streamIngestDefaults as componentDefaults, StreamMode, streamModes } from "../components/defaults/stream-ingest-defaults";
import { ConfigReader, enumValue, integerValue } from "./values";

export interface StreamIngestSettings {
    /** ON_DEMAND or PROVISIONED. */
    streamMode: StreamMode;
    /** Shards when PROVISIONED. */
    streamShardCount: number;
    /** Hours the stream keeps records. */
    streamRetentionHours: number;
    /** Records per consumer invocation. */
    streamConsumerBatchSize: number;
    streamApiRateLimit: number;
    streamApiBurstLimit: number;
    streamApiQuotaPerDay: number;
    /** Firehose buffer before an archive object is written: MB and seconds. */
    streamArchiveBufferMb: number;
    streamArchiveBufferSeconds: number;
}

export const streamIngestDefaults: StreamIngestSettings = {
    streamMode: componentDefaults.streamMode,
    streamShardCount: componentDefaults.shardCount,
    streamRetentionHours: componentDefaults.retentionHours,
    streamConsumerBatchSize: componentDefaults.consumerBatchSize,
    streamApiRateLimit: componentDefaults.api.rateLimit,
    streamApiBurstLimit: componentDefaults.api.burstLimit,
    streamApiQuotaPerDay: componentDefaults.api.quotaPerDay,
    streamArchiveBufferMb: componentDefaults.archive.sizeMb,
    streamArchiveBufferSeconds: componentDefaults.archive.intervalSeconds,
};

export function parseStreamIngestSettings(read: ConfigReader): StreamIngestSettings {
    const d = streamIngestDefaults;
    return {
        streamMode: enumValue(read, "streamMode", d.streamMode, streamModes),
        streamShardCount: integerValue(read, "streamShardCount", d.streamShardCount, 1, 500),
        streamRetentionHours: integerValue(read, "streamRetentionHours", d.streamRetentionHours, 24, 8760),
        streamConsumerBatchSize: integerValue(read, "streamConsumerBatchSize", d.streamConsumerBatchSize, 1, 10000),
        streamApiRateLimit: integerValue(read, "streamApiRateLimit", d.streamApiRateLimit, 1, 10000),
        streamApiBurstLimit: integerValue(read, "streamApiBurstLimit", d.streamApiBurstLimit, 1, 5000),
        streamApiQuotaPerDay: integerValue(read, "streamApiQuotaPerDay", d.streamApiQuotaPerDay, 1, 100_000_000),
        streamArchiveBufferMb: integerValue(read, "streamArchiveBufferMb", d.streamArchiveBufferMb, 1, 128),
        streamArchiveBufferSeconds: integerValue(read, "streamArchiveBufferSeconds", d.streamArchiveBufferSeconds, 0, 900),
    };
}

export function streamIngestArgs(settings: StreamIngestSettings): Omit<StreamIngestArgs, "platform"> {
    return {
        streamMode: settings.streamMode,
        shardCount: settings.streamShardCount,
        retentionHours: settings.streamRetentionHours,
        consumerBatchSize: settings.streamConsumerBatchSize,
        api: {
            rateLimit: settings.streamApiRateLimit,
            burstLimit: settings.streamApiBurstLimit,
            quotaPerDay: settings.streamApiQuotaPerDay,
        },
        archive: { bufferSizeMb: settings.streamArchiveBufferMb, bufferIntervalSeconds: settings.streamArchiveBufferSeconds },
    };
}
