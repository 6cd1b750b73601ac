// Benchmarks of the SearchAndCache data paths against the local services, each compared with its
// baseline in the same run (ratios, not absolute numbers, are what carries over to AWS):
//   1. generator indexing (index check + bulk with per-item checks) vs the client's bulk helper
//   2. Redis writes in one pipeline vs one awaited command at a time
//   3. /cache latency for a cache hit, in-process on loopback
// Run: bash scripts/services/up.sh && npm run bench -- bench/search-and-cache.ts
import { randomUUID } from "crypto";
import { createClient } from "redis";
import { writeBulk } from "../functions/search-and-cache/bulk-writer";
import { handleCacheLookup } from "../functions/search-and-cache/cache-handler";
import { cacheKey, cacheProducts } from "../functions/search-and-cache/product-cache";
import { ensureProductIndex } from "../functions/search-and-cache/product-index";
import { generateProducts, Product } from "../functions/search-and-cache/products";
import { apiGatewayGetEvent } from "../test/fixtures/events/api-gateway";
import { deleteIndex, localApiDependencies, localOpenSearch } from "../test/functions/search-and-cache/local-dependencies";
import { redisOptions, requireService } from "../test/support/services";

const indexingDocs = 5000;
const indexingRounds = 9;
const redisWrites = 10_000;
const redisRounds = 5;
const cacheLookups = 3000;

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function percentile(sorted: number[], share: number): number {
    return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

async function timed(work: () => Promise<unknown>): Promise<number> {
    const started = process.hrtime.bigint();
    await work();
    return Number(process.hrtime.bigint() - started) / 1e6;
}

async function indexing(): Promise<void> {
    const client = localOpenSearch(60_000);
    const products = generateProducts(indexingDocs, "bench", new Date());
    const rates = { generator: [] as number[], helper: [] as number[] };
    // Alternate the two, each into a fresh index with the same mapping, so drift hits both alike;
    // the first round of each warms the JIT and the node and is not counted.
    for (let round = 0; round <= indexingRounds; round++) {
        for (const contender of ["generator", "helper"] as const) {
            const index = `bench-${contender}-${randomUUID().slice(0, 8)}`;
            await ensureProductIndex(client, index, 0, 30_000);
            const ms = await timed(async () => {
                if (contender === "generator") {
                    // As every scheduled run after the first: the index exists, the check costs one request.
                    await ensureProductIndex(client, index, 0, 30_000);
                    const outcomes = await writeBulk(
                        client,
                        products.map(product => ({ kind: "index" as const, id: product.id, document: product })),
                        { index, timeoutMs: 60_000, maxAttempts: 4, backoffMs: 200 },
                    );
                    if (outcomes.some(outcome => !outcome.ok)) {
                        throw new Error("generator bulk refused documents");
                    }
                } else {
                    const stats = await client.helpers.bulk<Product>({
                        datasource: products,
                        onDocument: product => ({ index: { _index: index, _id: product.id } }),
                    });
                    if (stats.failed > 0) {
                        throw new Error("bulk helper dropped documents");
                    }
                }
            });
            if (round > 0) {
                rates[contender].push((indexingDocs / ms) * 1000);
            }
            await deleteIndex(client, index);
        }
    }
    await client.close();
    const generator = median(rates.generator);
    const helper = median(rates.helper);
    console.log(
        `1. OpenSearch indexing, ${indexingDocs} products into an existing index, median of ${indexingRounds} rounds after a warm-up`,
    );
    console.log(`   generator path (index check + client.bulk + per-item results): ${generator.toFixed(0)} docs/s`);
    console.log(`   client.helpers.bulk alone (same documents):                    ${helper.toFixed(0)} docs/s`);
    console.log(`   ratio generator / helper: ${(generator / helper).toFixed(2)}x (target >= 0.9x)`);
}

async function redisPipelining(): Promise<void> {
    const client = createClient(redisOptions());
    await client.connect();
    const products = generateProducts(redisWrites, "bench-redis", new Date());
    const rates = { pipelined: [] as number[], awaited: [] as number[] };
    for (let round = 0; round <= redisRounds; round++) {
        const pipelined = await timed(() => cacheProducts(client, products, 300));
        const awaited = await timed(async () => {
            for (const product of products) {
                await client.set(cacheKey(product.id), JSON.stringify(product), { expiration: { type: "EX", value: 300 } });
            }
        });
        if (round > 0) {
            rates.pipelined.push((redisWrites / pipelined) * 1000);
            rates.awaited.push((redisWrites / awaited) * 1000);
        }
    }
    await client.del(products.map(product => cacheKey(product.id)));
    await client.quit();
    const pipelinedRate = median(rates.pipelined);
    const awaitedRate = median(rates.awaited);
    console.log(`2. Redis SET EX of ${redisWrites} products over TLS, median of ${redisRounds} rounds after a warm-up`);
    console.log(`   one pipeline (generator):      ${pipelinedRate.toFixed(0)} writes/s`);
    console.log(`   one await per command:         ${awaitedRate.toFixed(0)} writes/s`);
    console.log(`   ratio pipelined / awaited: ${(pipelinedRate / awaitedRate).toFixed(1)}x`);
}

async function cacheHits(): Promise<void> {
    const index = `bench-cache-${randomUUID().slice(0, 8)}`;
    const deps = localApiDependencies(index);
    const [product] = generateProducts(1, "bench-cache", new Date());
    await deps.redis.use(client => cacheProducts(client, [product], 300));
    const event = apiGatewayGetEvent("/cache", [["id", product.id]]);
    for (let warm = 0; warm < 200; warm++) {
        await handleCacheLookup(deps, event);
    }
    const latencies: number[] = [];
    for (let call = 0; call < cacheLookups; call++) {
        const ms = await timed(async () => {
            const response = await handleCacheLookup(deps, event);
            if (response.statusCode !== 200 || !response.body.includes('"source":"cache"')) {
                throw new Error(`not a cache hit: ${response.body}`);
            }
        });
        latencies.push(ms);
    }
    await deps.redis.use(client => client.del(cacheKey(product.id)));
    await deps.redis.close();
    await deps.openSearch.close();
    latencies.sort((a, b) => a - b);
    const p99 = percentile(latencies, 0.99);
    console.log(`3. GET /cache hit, handler in-process, Redis over TLS on loopback, ${cacheLookups} calls`);
    console.log(
        `   p50 ${percentile(latencies, 0.5).toFixed(2)} ms, p99 ${p99.toFixed(2)} ms (target p99 < 5 ms: ${p99 < 5 ? "met" : "missed"})`,
    );
}

async function main(): Promise<void> {
    await requireService("opensearch", "redis");
    console.log(`SearchAndCache benchmarks (node ${process.version}, local services on loopback)\n`);
    await indexing();
    console.log();
    await redisPipelining();
    console.log();
    await cacheHits();
}

main().catch(error => {
    console.error(error);
    process.exitCode = 1;
});
