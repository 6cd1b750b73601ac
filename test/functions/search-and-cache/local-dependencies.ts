// The handlers' dependencies wired to the real local services: OpenSearch, Redis (TLS + AUTH)
// and moto. Each suite gets its own index names, so suites never see each other's documents.
import { randomUUID } from "crypto";
import { readFileSync } from "fs";
import { Logger } from "@aws-lambda-powertools/logger";
import { Client } from "@opensearch-project/opensearch";
import { createClient } from "redis";
import { writeBulk } from "../../../functions/search-and-cache/bulk-writer";
import type { ApiDependencies, Timeouts } from "../../../functions/search-and-cache/dependencies";
import { ensureProductIndex } from "../../../functions/search-and-cache/product-index";
import type { Product } from "../../../functions/search-and-cache/products";
import { redisConnection, RedisConnection, RedisSettings } from "../../../functions/search-and-cache/redis-connection";
import { redisOptions, settingsFor } from "../../support/services";

export const testTimeouts: Timeouts = { searchMs: 2000, healthMs: 1000, bulkMs: 5000 };

/** Logs nothing: the tests assert on responses, not on log lines. */
export const silentLog = new Logger({ serviceName: "search-and-cache-test", logLevel: "SILENT" });

export function uniqueIndex(prefix: string): string {
    return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** A client for the local node (plain HTTP on loopback), with short deadlines. */
export function localOpenSearch(requestTimeoutMs = testTimeouts.searchMs): Client {
    return new Client({ node: settingsFor("opensearch").node, requestTimeout: requestTimeoutMs, maxRetries: 0 });
}

/** The local Redis the way ElastiCache is reached: TLS verified against the (local) CA, AUTH token. */
export function localRedis(overrides: Partial<RedisSettings> = {}): RedisConnection {
    const redis = settingsFor("redis");
    return redisConnection({
        host: redis.host,
        port: redis.port,
        authToken: async () => redis.password,
        connectTimeoutMs: 1000,
        operationTimeoutMs: 1000,
        tls: { ca: readFileSync(redis.caFile, "utf8") },
        ...overrides,
    });
}

export function localApiDependencies(productIndex: string, overrides: Partial<ApiDependencies> = {}): ApiDependencies {
    return {
        openSearch: localOpenSearch(),
        redis: localRedis(),
        productIndex,
        cacheTtlSeconds: 300,
        timeouts: testTimeouts,
        log: silentLog,
        ...overrides,
    };
}

export async function deleteIndex(client: Client, index: string): Promise<void> {
    await client.indices.delete({ index }, { ignore: [404] }).catch(() => undefined);
}

/** The parsed JSON body of a handler's response. */
export function bodyOf<T = Record<string, unknown>>(response: { body: string }): T {
    return JSON.parse(response.body) as T;
}

/** Deletes the suite's index and closes its clients. */
export async function releaseDependencies(deps: ApiDependencies): Promise<void> {
    await deleteIndex(deps.openSearch, deps.productIndex);
    await deps.redis.close();
    await deps.openSearch.close();
}

/** A plain Redis client to look at what the code wrote; it reconnects on use, since some tests stop Redis. */
export function redisInspector(): { client(): Promise<ReturnType<typeof createClient>>; close(): Promise<void> } {
    const redis = createClient(redisOptions());
    redis.on("error", () => undefined);
    return {
        async client() {
            if (!redis.isOpen) {
                await redis.connect();
            }
            return redis;
        },
        async close() {
            if (redis.isOpen) {
                await redis.quit();
            }
        },
    };
}

/** Creates the suite's products index and indexes `products` in it, searchable at once. */
export async function seedProducts(deps: Pick<ApiDependencies, "openSearch" | "productIndex">, products: Product[]): Promise<void> {
    await ensureProductIndex(deps.openSearch, deps.productIndex, 0, 5000);
    const outcomes = await writeBulk(
        deps.openSearch,
        products.map(product => ({ kind: "index" as const, id: product.id, document: product })),
        { index: deps.productIndex, timeoutMs: 5000, maxAttempts: 3, backoffMs: 50 },
    );
    if (outcomes.some(outcome => !outcome.ok)) {
        throw new Error(`could not seed the products: ${JSON.stringify(outcomes)}`);
    }
    await deps.openSearch.indices.refresh({ index: deps.productIndex });
}
