// Defaults of the SearchAndCache functions: index names, deadlines and Lambda sizes.
import type { StaticSettings } from "../../functions/search-and-cache/runtime";

export const productIndexName = "products";
export const mirrorIndexName = "catalog-mirror";
/** The mirrored table's partition key, which becomes the document id. */
export const mirrorTableKey = "id";

/** Deadlines well inside API Gateway's 29 s and the functions' own timeouts. */
export const functionDeadlines: Omit<StaticSettings, "productIndex" | "cacheTtlSeconds"> = {
    timeouts: { searchMs: 3000, healthMs: 1500, bulkMs: 20_000 },
    redisConnectTimeoutMs: 1500,
    redisOperationTimeoutMs: 1000,
};

export const apiFunctionTimeoutSeconds = 10;
export const batchFunctionTimeoutSeconds = 60;

/** Bulk retries: 429s and 5xx items get three more tries over about 1.5 s. */
export const bulkRetry = { maxAttempts: 4, backoffMs: 200 } as const;

/** The component's defaults; config/search-and-cache.ts takes its key defaults from here. */
export const searchAndCacheDefaults = {
    schedule: "rate(5 minutes)",
    recordsPerRun: 10,
    search: {
        instanceType: "t3.small.search",
        instanceCount: 1,
        dedicatedMasters: false,
        dedicatedMasterType: "m6g.large.search",
        zoneCount: 1,
        volumeSizeGb: 10,
    },
    cache: { nodeType: "cache.t4g.micro", replicas: 0, snapshotRetentionDays: 0, ttlSeconds: 3600 },
    api: { rateLimit: 10, burstLimit: 20, quotaPerDay: 10_000 },
} as const;
