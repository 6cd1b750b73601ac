// What the handlers are given: clients created once per container, and plain settings.
import type { Client } from "@opensearch-project/opensearch";
import type { RedisConnection } from "./redis-connection";

import type { Log } from "../runtime/logger";

export type { Log };

export interface Timeouts {
    /** One search or get request. */
    searchMs: number;
    /** Each dependency probe of /health. */
    healthMs: number;
    /** One bulk request or index creation. */
    bulkMs: number;
}

export interface ApiDependencies {
    openSearch: Client;
    redis: RedisConnection;
    productIndex: string;
    cacheTtlSeconds: number;
    timeouts: Timeouts;
    log: Log;
}
