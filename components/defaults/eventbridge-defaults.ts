// Secure defaults for EventBridge rule targets.

/** EventBridge retries failed deliveries for up to an hour, then sends the event to the target's DLQ. */
export const targetRetryPolicy = { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 60 * 60 } as const;

/** EventBridge Scheduler retries a failed start three times within an hour, then writes the event to the DLQ. */
export const schedulerRetryPolicy = { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 60 * 60 } as const;
