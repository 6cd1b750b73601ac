// The values of the secrets a source refers to, read from Secrets Manager at run time. The program
// passes each reference's secret ARN; the value is never in config, state or the function's code.
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

export async function readSecrets(client: SecretsManagerClient, secretIds: Record<string, string>): Promise<Map<string, string>> {
    const entries = await Promise.all(
        Object.entries(secretIds).map(async ([name, secretId]) => {
            const result = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
            if (result.SecretString === undefined) {
                throw new Error(`secret ${name} (${secretId}) has no string value: put one with aws secretsmanager put-secret-value`);
            }
            return [name, result.SecretString] as const;
        }),
    );
    return new Map(entries);
}
