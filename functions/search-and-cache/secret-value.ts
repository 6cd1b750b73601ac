// A secret read once per container and kept, re-read only when the caller says it went stale
// (e.g. Redis refused the AUTH token after a rotation).
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

export function cachedSecret(client: SecretsManagerClient, secretId: string, timeoutMs: number): (refresh: boolean) => Promise<string> {
    let cached: Promise<string> | undefined;
    const read = async (): Promise<string> => {
        const response = await client.send(new GetSecretValueCommand({ SecretId: secretId }), {
            abortSignal: AbortSignal.timeout(timeoutMs),
        });
        if (response.SecretString === undefined || response.SecretString === "") {
            throw new Error(`secret ${secretId} has no string value`);
        }
        return response.SecretString;
    };
    return refresh => {
        if (cached === undefined || refresh) {
            const reading = read();
            // A failed read is not kept: the next call tries again.
            reading.catch(() => {
                if (cached === reading) {
                    cached = undefined;
                }
            });
            cached = reading;
        }
        return cached;
    };
}
