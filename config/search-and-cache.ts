// SearchAndCache keys (search*, cache*, api*), and the component's Args shaped (nested) from them.
import type { SearchAndCacheArgs } from "../components/search-and-cache";
import type { PlatformSettings } from "./platform";
import { booleanValue, ConfigError, ConfigReader, integerValue, stringValue } from "./values";

export interface SearchAndCacheSettings {
    /** EventBridge schedule of the generator (`rate(...)` or `cron(...)`). */
    searchSchedule: string;
    /** Products the generator writes per run. */
    searchRecordsPerRun: number;
    /** OpenSearch data node instance type. */
    searchInstanceType: string;
    /** OpenSearch data nodes. */
    searchInstanceCount: number;
    /** Three dedicated master nodes for the OpenSearch domain. */
    searchDedicatedMasters: boolean;
    /** Instance type of the dedicated master nodes. */
    searchDedicatedMasterType: string;
    /** Spread OpenSearch data nodes over two or three AZs (3 when the node count divides by 3). */
    searchZoneAwareness: boolean;
    /** gp3 volume per OpenSearch data node, in GiB. */
    searchVolumeSizeGb: number;
    /** ElastiCache node type of the Redis replication group. */
    cacheNodeType: string;
    /** Redis replicas; one or more turns on automatic failover and Multi-AZ. */
    cacheReplicas: number;
    /** Days of daily Redis snapshots kept (0 turns snapshots off). */
    cacheSnapshotRetentionDays: number;
    /** Lifetime of a cached product, in seconds. */
    cacheTtlSeconds: number;
    /** Steady-state requests per second the API admits per key (usage plan and stage). */
    apiThrottleRateLimit: number;
    /** Burst of requests the API admits per key. */
    apiThrottleBurstLimit: number;
    /** Requests per day each API key may make. */
    apiQuotaPerDay: number;
}

export const searchAndCacheDefaults: SearchAndCacheSettings = {
    searchSchedule: "rate(5 minutes)",
    searchRecordsPerRun: 10,
    searchInstanceType: "t3.small.search",
    searchInstanceCount: 1,
    searchDedicatedMasters: false,
    searchDedicatedMasterType: "m6g.large.search",
    searchZoneAwareness: false,
    searchVolumeSizeGb: 10,
    cacheNodeType: "cache.t4g.micro",
    cacheReplicas: 0,
    cacheSnapshotRetentionDays: 0,
    cacheTtlSeconds: 3600,
    apiThrottleRateLimit: 10,
    apiThrottleBurstLimit: 20,
    apiQuotaPerDay: 10000,
};

const searchType = /^[a-z0-9]+\.[a-z0-9]+\.search$/;

export function parseSearchAndCacheSettings(read: ConfigReader, platform: Pick<PlatformSettings, "azCount">): SearchAndCacheSettings {
    const d = searchAndCacheDefaults;
    const settings: SearchAndCacheSettings = {
        searchSchedule: stringValue(
            read,
            "searchSchedule",
            d.searchSchedule,
            /^(rate\(([1-9]\d{0,3}) (minute|minutes|hour|hours|day|days)\)|cron\([^()]{9,200}\))$/,
            "an EventBridge schedule such as rate(5 minutes)",
        ),
        searchRecordsPerRun: integerValue(read, "searchRecordsPerRun", d.searchRecordsPerRun, 1, 1000),
        searchInstanceType: stringValue(
            read,
            "searchInstanceType",
            d.searchInstanceType,
            searchType,
            "an OpenSearch instance type such as t3.small.search",
        ),
        searchInstanceCount: integerValue(read, "searchInstanceCount", d.searchInstanceCount, 1, 30),
        searchDedicatedMasters: booleanValue(read, "searchDedicatedMasters", d.searchDedicatedMasters),
        searchDedicatedMasterType: stringValue(
            read,
            "searchDedicatedMasterType",
            d.searchDedicatedMasterType,
            searchType,
            "an OpenSearch instance type such as m6g.large.search",
        ),
        searchZoneAwareness: booleanValue(read, "searchZoneAwareness", d.searchZoneAwareness),
        searchVolumeSizeGb: integerValue(read, "searchVolumeSizeGb", d.searchVolumeSizeGb, 10, 3072),
        cacheNodeType: stringValue(
            read,
            "cacheNodeType",
            d.cacheNodeType,
            /^cache\.[a-z0-9]+\.[a-z0-9]+$/,
            "an ElastiCache node type such as cache.t4g.micro",
        ),
        cacheReplicas: integerValue(read, "cacheReplicas", d.cacheReplicas, 0, 5),
        cacheSnapshotRetentionDays: integerValue(read, "cacheSnapshotRetentionDays", d.cacheSnapshotRetentionDays, 0, 35),
        cacheTtlSeconds: integerValue(read, "cacheTtlSeconds", d.cacheTtlSeconds, 60, 7 * 24 * 60 * 60),
        apiThrottleRateLimit: integerValue(read, "apiThrottleRateLimit", d.apiThrottleRateLimit, 1, 10000),
        apiThrottleBurstLimit: integerValue(read, "apiThrottleBurstLimit", d.apiThrottleBurstLimit, 1, 5000),
        apiQuotaPerDay: integerValue(read, "apiQuotaPerDay", d.apiQuotaPerDay, 1, 100_000_000),
    };
    checkSearchTopology(settings, platform.azCount);
    return settings;
}

/** Zone awareness spreads data nodes evenly over two or three AZs of the VPC. */
export function searchZoneCount(settings: Pick<SearchAndCacheSettings, "searchZoneAwareness" | "searchInstanceCount">): number {
    if (!settings.searchZoneAwareness) {
        return 1;
    }
    return settings.searchInstanceCount % 3 === 0 ? 3 : 2;
}

function checkSearchTopology(settings: SearchAndCacheSettings, azCount: number): void {
    if (!settings.searchZoneAwareness) {
        return;
    }
    const zones = searchZoneCount(settings);
    if (settings.searchInstanceCount % zones !== 0) {
        throw new ConfigError(
            `searchZoneAwareness needs searchInstanceCount to be a multiple of 2 or 3 (got ${settings.searchInstanceCount})`,
        );
    }
    if (zones > azCount) {
        throw new ConfigError(`searchZoneAwareness over ${zones} AZs needs azCount of at least ${zones} (got ${azCount})`);
    }
}

/** The component's Args (all but the platform and account prerequisites), nested. */
export function searchAndCacheArgs(settings: SearchAndCacheSettings, stack: string): Omit<SearchAndCacheArgs, "platform"> {
    return {
        domainName: `${stack}-shop`.slice(0, 28),
        schedule: settings.searchSchedule,
        recordsPerRun: settings.searchRecordsPerRun,
        search: {
            instanceType: settings.searchInstanceType,
            instanceCount: settings.searchInstanceCount,
            dedicatedMasters: settings.searchDedicatedMasters,
            dedicatedMasterType: settings.searchDedicatedMasterType,
            zoneCount: searchZoneCount(settings),
            volumeSizeGb: settings.searchVolumeSizeGb,
        },
        cache: {
            nodeType: settings.cacheNodeType,
            replicas: settings.cacheReplicas,
            snapshotRetentionDays: settings.cacheSnapshotRetentionDays,
            ttlSeconds: settings.cacheTtlSeconds,
        },
        api: { rateLimit: settings.apiThrottleRateLimit, burstLimit: settings.apiThrottleBurstLimit, quotaPerDay: settings.apiQuotaPerDay },
    };
}
