// How a Lambda container builds its clients, once, from environment variables (resource-derived
// values such as endpoints and ARNs) and static settings captured at deployment.
import { Logger } from "@aws-lambda-powertools/logger";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { Client } from "@opensearch-project/opensearch";
import { AwsSigv4Signer, AwsSigv4SignerOptions } from "@opensearch-project/opensearch/aws-v3";
import type { ApiDependencies, Timeouts } from "./dependencies";
import { redisConnection, RedisConnection } from "./redis-connection";
import { cachedSecret } from "./secret-value";

/** Environment variables the component sets on every function. */
export const environmentVariables = {
    openSearchEndpoint: "OPENSEARCH_ENDPOINT",
    redisHost: "REDIS_HOST",
    redisPort: "REDIS_PORT",
    redisAuthSecretArn: "REDIS_AUTH_SECRET_ARN",
} as const;

export interface StaticSettings {
    productIndex: string;
    cacheTtlSeconds: number;
    timeouts: Timeouts;
    redisConnectTimeoutMs: number;
    redisOperationTimeoutMs: number;
}

function required(name: string): string {
    const value = process.env[name];
    if (value === undefined || value === "") {
        throw new Error(`environment variable ${name} is not set`);
    }
    return value;
}

/**
 * OpenSearch client whose requests are SigV4-signed for the `es` service with the function's role
 * (the official client's signer; it signs with aws4 and takes credentials from the SDK's chain).
 */
export function signedOpenSearchClient(
    endpoint: string,
    region: string,
    requestTimeoutMs: number,
    getCredentials: NonNullable<AwsSigv4SignerOptions["getCredentials"]> = defaultProvider(),
): Client {
    return new Client({
        ...AwsSigv4Signer({ region, service: "es", getCredentials }),
        node: endpoint,
        requestTimeout: requestTimeoutMs,
        maxRetries: 1,
    });
}

export function openSearchFromEnvironment(requestTimeoutMs: number): Client {
    return signedOpenSearchClient(required(environmentVariables.openSearchEndpoint), required("AWS_REGION"), requestTimeoutMs);
}

/** Redis over TLS with the AUTH token from Secrets Manager, read once per container. */
export function redisFromEnvironment(settings: Pick<StaticSettings, "redisConnectTimeoutMs" | "redisOperationTimeoutMs">): RedisConnection {
    const secrets = new SecretsManagerClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000, requestTimeout: 3000 } });
    return redisConnection({
        host: required(environmentVariables.redisHost),
        port: Number(required(environmentVariables.redisPort)),
        authToken: cachedSecret(secrets, required(environmentVariables.redisAuthSecretArn), 3000),
        connectTimeoutMs: settings.redisConnectTimeoutMs,
        operationTimeoutMs: settings.redisOperationTimeoutMs,
    });
}

export function functionLogger(): Logger {
    return new Logger({ serviceName: "search-and-cache" });
}

/** What /search needs: no Redis, so its function gets neither the Redis address nor the token. */
export function searchDependenciesFromEnvironment(
    settings: Pick<StaticSettings, "productIndex" | "timeouts">,
): Pick<ApiDependencies, "openSearch" | "productIndex" | "timeouts" | "log"> {
    return {
        openSearch: openSearchFromEnvironment(settings.timeouts.searchMs),
        productIndex: settings.productIndex,
        timeouts: settings.timeouts,
        log: functionLogger(),
    };
}

/** What the stream mirror needs: OpenSearch only, with the bulk deadline. */
export function syncDependenciesFromEnvironment(bulkTimeoutMs: number): { openSearch: Client; log: Logger } {
    return { openSearch: openSearchFromEnvironment(bulkTimeoutMs), log: functionLogger() };
}

export function apiDependenciesFromEnvironment(settings: StaticSettings): ApiDependencies {
    return {
        openSearch: openSearchFromEnvironment(settings.timeouts.searchMs),
        redis: redisFromEnvironment(settings),
        productIndex: settings.productIndex,
        cacheTtlSeconds: settings.cacheTtlSeconds,
        timeouts: settings.timeouts,
        log: functionLogger(),
    };
}
