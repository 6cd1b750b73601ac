// Secure, explicit defaults for every Lambda the platform creates.

/** The runtime is pinned: CallbackFunction's own default would also ignore future runtime changes. */
export const lambdaRuntime = "nodejs24.x";
export const lambdaArchitecture = "arm64";
export const lambdaDefaults = {
    timeoutSeconds: 30,
    memorySizeMb: 256,
} as const;

/** Asynchronous invocations (schedules, S3 notifications): Lambda's own retries, then the failure queue. */
export const asyncInvocationDefaults = {
    maximumRetryAttempts: 2,
    maximumEventAgeInSeconds: 6 * 60 * 60,
} as const;

/**
 * Stream consumers (Kinesis, DynamoDB Streams). AWS's own defaults retry forever and never bisect,
 * so one poison record blocks a shard; these follow the AWS Solutions Constructs defaults.
 */
export const streamConsumerDefaults = {
    startingPosition: "TRIM_HORIZON",
    batchSize: 100,
    maximumBatchingWindowInSeconds: 1,
    bisectBatchOnFunctionError: true,
    maximumRetryAttempts: 10,
    maximumRecordAgeInSeconds: 24 * 60 * 60,
    functionResponseTypes: ["ReportBatchItemFailures"],
} as const;
