// A secret read once per container and kept for a while: re-read when its time to live has passed
// (rotations reach warm containers) or when the caller says it went stale (a refused password).
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

export interface SecretCacheOptions {
    /** Abort one read after this long. */
    timeoutMs: number;
    /** Re-read after this long. Default 15 minutes. */
    ttlMs?: number;
    /** The clock (tests). */
    now?: () => number;
}

/** The secret's string value; `refresh` forces a new read. A failed read is not kept. */
export type SecretReader = (refresh?: boolean) => Promise<string>;

export function cachedSecret(client: SecretsManagerClient, secretId: string, options: SecretCacheOptions): SecretReader {
    const ttlMs = options.ttlMs ?? 15 * 60 * 1000;
    const now = options.now ?? Date.now;
    let cached: Promise<string> | undefined;
    let readAt = 0;
    const read = async (): Promise<string> => {
        const response = await client.send(new GetSecretValueCommand({ SecretId: secretId }), {
            abortSignal: AbortSignal.timeout(options.timeoutMs),
        });
        if (response.SecretString === undefined || response.SecretString === "") {
            throw new Error(`secret ${secretId} has no string value`);
        }
        return response.SecretString;
    };
    return (refresh = false) => {
        if (cached === undefined || refresh || now() - readAt >= ttlMs) {
            const reading = read();
            reading.catch(() => {
                if (cached === reading) {
                    cached = undefined;
                }
            });
            cached = reading;
            readAt = now();
        }
        return cached;
    };
}
