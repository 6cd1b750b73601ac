// Exponential backoff with full jitter for the entries a batch API gave back.

export interface RetrySettings {
    /** Calls in all, the first included. */
    maxAttempts: number;
    baseDelayMs: number;
    maxDelayMs: number;
}

export const defaultRetry: RetrySettings = { maxAttempts: 6, baseDelayMs: 50, maxDelayMs: 2000 };

/** Waits a random time up to base * 2^attempt (capped): attempt 1 is the first retry. */
export function backoff(settings: RetrySettings, attempt: number, random: () => number = Math.random): Promise<void> {
    const ceiling = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** attempt);
    return new Promise(resolve => setTimeout(resolve, Math.floor(random() * ceiling)));
}
