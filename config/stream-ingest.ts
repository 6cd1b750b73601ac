// StreamIngest's stack configuration: the `stream*` keys of Pulumi.yaml, parsed and validated, and
// the component's Args built from them.
import { StreamIngestArgs } from "../components/stream-ingest";
import { streamIngestDefaults, StreamMode, streamModes } from "../components/defaults/stream-ingest-defaults";
import type { PlatformContext } from "../components/platform-context";
import { ConfigError } from "./platform-config";

export interface StreamIngestConfig {
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

export type StreamIngestConfigReader = (key: keyof StreamIngestConfig) => string | undefined;

export const streamIngestConfigDefaults: StreamIngestConfig = {
    streamMode: streamIngestDefaults.streamMode,
    streamShardCount: streamIngestDefaults.shardCount,
    streamRetentionHours: streamIngestDefaults.retentionHours,
    streamConsumerBatchSize: streamIngestDefaults.consumerBatchSize,
    streamApiRateLimit: streamIngestDefaults.api.rateLimit,
    streamApiBurstLimit: streamIngestDefaults.api.burstLimit,
    streamApiQuotaPerDay: streamIngestDefaults.api.quotaPerDay,
    streamArchiveBufferMb: streamIngestDefaults.archive.sizeMb,
    streamArchiveBufferSeconds: streamIngestDefaults.archive.intervalSeconds,
};

const integerRanges: Record<Exclude<keyof StreamIngestConfig, "streamMode">, [number, number]> = {
    streamShardCount: [1, 500],
    streamRetentionHours: [24, 8760],
    streamConsumerBatchSize: [1, 10000],
    streamApiRateLimit: [1, 10000],
    streamApiBurstLimit: [1, 5000],
    streamApiQuotaPerDay: [1, 100_000_000],
    streamArchiveBufferMb: [1, 128],
    streamArchiveBufferSeconds: [0, 900],
};

function integer(read: StreamIngestConfigReader, key: keyof typeof integerRanges): number {
    const text = read(key);
    if (text === undefined || text === "") {
        return streamIngestConfigDefaults[key];
    }
    const [min, max] = integerRanges[key];
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new ConfigError(`${key} must be an integer from ${min} to ${max} (got ${JSON.stringify(text)})`);
    }
    return value;
}

export function parseStreamIngestConfig(read: StreamIngestConfigReader): StreamIngestConfig {
    const mode = read("streamMode") || streamIngestConfigDefaults.streamMode;
    if (!(streamModes as readonly string[]).includes(mode)) {
        throw new ConfigError(`streamMode must be one of ${streamModes.join(", ")} (got ${JSON.stringify(mode)})`);
    }
    const integers = Object.fromEntries(
        (Object.keys(integerRanges) as (keyof typeof integerRanges)[]).map(key => [key, integer(read, key)]),
    ) as Omit<StreamIngestConfig, "streamMode">;
    return { streamMode: mode as StreamMode, ...integers };
}

export function streamIngestArgs(
    platform: PlatformContext,
    config: StreamIngestConfig,
    accountPrerequisites?: StreamIngestArgs["accountPrerequisites"],
): StreamIngestArgs {
    return {
        platform,
        streamMode: config.streamMode,
        shardCount: config.streamShardCount,
        retentionHours: config.streamRetentionHours,
        consumerBatchSize: config.streamConsumerBatchSize,
        api: { rateLimit: config.streamApiRateLimit, burstLimit: config.streamApiBurstLimit, quotaPerDay: config.streamApiQuotaPerDay },
        archive: { bufferSizeMb: config.streamArchiveBufferMb, bufferIntervalSeconds: config.streamArchiveBufferSeconds },
        accountPrerequisites,
    };
}
