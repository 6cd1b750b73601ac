// How a Lambda container builds its clients, once, from environment variables (resource-derived
// values such as endpoints and ARNs) and static settings captured at deployment.
import type { Logger } from "@aws-lambda-powertools/logger";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { Client } from "@opensearch-project/opensearch";
import { AwsSigv4Signer, AwsSigv4SignerOptions } from "@opensearch-project/opensearch/aws-v3";
import type { ApiDependencies, Timeouts } from "./dependencies";
import { redisConnection, RedisConnection } from "./redis-connection";
import { secretsManagerClient } from "../runtime/aws-clients";
import { readEnvironment, regionContract } from "../runtime/environment";
import { functionLogger as pipelineLogger } from "../runtime/logger";
import { cachedSecret } from "../runtime/secret-cache";
import { redisEnvironment, searchEnvironment } from "./environment";

export interface StaticSettings {
    productIndex: string;
    cacheTtlSeconds: number;
    timeouts: Timeouts;
    redisConnectTimeoutMs: number;
    redisOperationTimeoutMs: number;
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
    const env = readEnvironment({ ...searchEnvironment, ...regionContract });
    return signedOpenSearchClient(env.openSearchEndpoint, env.region, requestTimeoutMs);
}

/** Redis over TLS with the AUTH token from Secrets Manager, read once per container. */
export function redisFromEnvironment(settings: Pick<StaticSettings, "redisConnectTimeoutMs" | "redisOperationTimeoutMs">): RedisConnection {
    const secrets = secretsManagerClient({ maxAttempts: 2, connectionTimeoutMs: 1000, requestTimeoutMs: 3000 });
    const env = readEnvironment(redisEnvironment);
    return redisConnection({
        host: env.redisHost,
        port: env.redisPort,
        authToken: cachedSecret(secrets, env.redisAuthSecretArn, { timeoutMs: 3000 }),
        connectTimeoutMs: settings.redisConnectTimeoutMs,
        operationTimeoutMs: settings.redisOperationTimeoutMs,
    });
}

export function functionLogger(): Logger {
    return pipelineLogger("search-and-cache");
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
