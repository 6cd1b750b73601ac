// The values of the secrets a source refers to, read from Secrets Manager at run time through the
// runtime's secret reader (timeout, empty-value check). The program passes each reference's secret
// ARN; the value is never in config, state or the function's code.
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

import { cachedSecret } from "../runtime/secret-cache";

const readTimeoutMs = 10_000;

export async function readSecrets(client: SecretsManagerClient, secretIds: Record<string, string>): Promise<Map<string, string>> {
    const entries = await Promise.all(
        Object.entries(secretIds).map(
            async ([name, secretId]) => [name, await cachedSecret(client, secretId, { timeoutMs: readTimeoutMs })()] as const,
        ),
    );
    return new Map(entries);
}
