// Secure defaults for EventBridge rule targets.

/** EventBridge retries failed deliveries for up to an hour, then sends the event to the target's DLQ. */
export const targetRetryPolicy = { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 60 * 60 } as const;
