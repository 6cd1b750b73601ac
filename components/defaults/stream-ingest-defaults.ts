// Secure and sensible defaults for StreamIngest's stream, archive and API (shared by the
// component, its config module and the tests).

export const streamModes = ["ON_DEMAND", "PROVISIONED"] as const;
export type StreamMode = (typeof streamModes)[number];

/** Kinesis: server-side encryption with the platform key is always on. */
export const streamEncryption = { encryptionType: "KMS" } as const;

/** Where Firehose writes the raw archive: partitioned by arrival hour, readable by partition. */
export const archivePrefix = "raw/events/";
export const archiveObjectPrefix = `${archivePrefix}year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/`;
export const archiveErrorPrefix =
    "raw/errors/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/";

/** Large buffers by default: fewer, bigger objects are cheaper to store and to load. */
export const archiveBufferDefaults = { sizeMb: 128, intervalSeconds: 900 } as const;

export const streamIngestDefaults = {
    streamMode: "ON_DEMAND" as StreamMode,
    shardCount: 1,
    retentionHours: 24,
    consumerBatchSize: 100,
    api: { rateLimit: 50, burstLimit: 100, quotaPerDay: 1_000_000 },
    /** The producer refuses bodies above this (API Gateway's own cap is 10 MB; Lambda's 6 MB). */
    maxBodyBytes: 4 * 1024 * 1024,
    maxEventsPerRequest: 500,
    archive: archiveBufferDefaults,
} as const;

/** Lambda timeouts: the API answers within API Gateway's 29 s; the consumer has room for retries. */
export const producerTimeoutSeconds = 25;
export const readerTimeoutSeconds = 10;
export const consumerTimeoutSeconds = 120;

/** Iterator age (milliseconds) above which the consumer is falling behind the stream. */
export const iteratorAgeAlarmMs = 60 * 60 * 1000;
