// The scheduled generator: N products a run, indexed in OpenSearch (bulk) and cached in Redis
// (one pipeline) at the same time. Any failure it cannot recover throws, so that Lambda's
// asynchronous retries and then the failure queue take over; a retry of the same event writes
// the same products (ids and contents derive from the event id).
import type { ScheduledEvent } from "aws-lambda";
import { BulkOptions, writeBulk } from "./bulk-writer";
import type { ApiDependencies } from "./dependencies";
import { cacheProducts } from "./product-cache";
import { ensureProductIndex } from "./product-index";
import { generateProducts } from "./products";

export interface GeneratorSettings {
    recordsPerRun: number;
    /** Replicas of the products index (0 on a one-node domain). */
    indexReplicas: number;
    bulk: Omit<BulkOptions, "index" | "timeoutMs">;
}

export type GeneratorDependencies = Pick<ApiDependencies, "openSearch" | "redis" | "productIndex" | "cacheTtlSeconds" | "timeouts" | "log">;

export interface GeneratorReport {
    indexed: number;
    cached: number;
    ids: string[];
}

async function indexProducts(
    deps: GeneratorDependencies,
    settings: GeneratorSettings,
    products: ReturnType<typeof generateProducts>,
): Promise<number> {
    await ensureProductIndex(deps.openSearch, deps.productIndex, settings.indexReplicas, deps.timeouts.bulkMs);
    const outcomes = await writeBulk(
        deps.openSearch,
        products.map(product => ({ kind: "index" as const, id: product.id, document: product })),
        { ...settings.bulk, index: deps.productIndex, timeoutMs: deps.timeouts.bulkMs },
    );
    const failures = outcomes.flatMap((outcome, position) => (outcome.ok ? [] : [`${products[position].id}: ${outcome.reason}`]));
    if (failures.length > 0) {
        throw new Error(`${failures.length} of ${products.length} documents were not indexed (${failures.slice(0, 3).join("; ")})`);
    }
    return products.length;
}

export async function runGenerator(
    deps: GeneratorDependencies,
    settings: GeneratorSettings,
    event: Pick<ScheduledEvent, "id" | "time">,
): Promise<GeneratorReport> {
    const products = generateProducts(settings.recordsPerRun, event.id, new Date(event.time));
    const [indexing, caching] = await Promise.allSettled([
        indexProducts(deps, settings, products),
        deps.redis.use(client => cacheProducts(client, products, deps.cacheTtlSeconds)),
    ]);
    const problems = [
        ...(indexing.status === "rejected" ? [`OpenSearch: ${(indexing.reason as Error).message}`] : []),
        ...(caching.status === "rejected" ? [`Redis: ${(caching.reason as Error).message}`] : []),
    ];
    if (problems.length > 0) {
        deps.log.error("generator run failed", { eventId: event.id, problems });
        throw new Error(`generator run for event ${event.id} failed: ${problems.join(" | ")}`);
    }
    const report = {
        indexed: indexing.status === "fulfilled" ? indexing.value : 0,
        cached: caching.status === "fulfilled" ? caching.value : 0,
        ids: products.map(product => product.id),
    };
    deps.log.info("generator run complete", { eventId: event.id, indexed: report.indexed, cached: report.cached });
    return report;
}
