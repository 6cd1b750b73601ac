// The plain settings the SearchAndCache functions capture, as a hand-written entry would inline them.
import {
    bulkRetry,
    functionDeadlines,
    mirrorIndexName,
    mirrorTableKey,
    productIndexName,
} from "../../components/defaults/search-and-cache-defaults";
import type { GeneratorSettings } from "../../functions/search-and-cache/generator-handler";
import type { StaticSettings } from "../../functions/search-and-cache/runtime";
import type { SyncSettings } from "../../functions/search-and-cache/sync-handler";

export const apiSettings: StaticSettings = { ...functionDeadlines, productIndex: productIndexName, cacheTtlSeconds: 300 };
export const generatorSettings: GeneratorSettings = { recordsPerRun: 100, indexReplicas: 0, bulk: bulkRetry };
export const syncSettings: SyncSettings = {
    index: mirrorIndexName,
    keyAttribute: mirrorTableKey,
    bulk: { ...bulkRetry, timeoutMs: functionDeadlines.timeouts.bulkMs },
};
