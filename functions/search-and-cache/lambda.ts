// The Lambda entry points of SearchAndCache: each factory runs once per container (clients, logger)
// and returns the handler; each function's package list is what its archive ships.
import type { APIGatewayProxyEvent, APIGatewayProxyResult, DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { handleCacheLookup } from "./cache-handler";
import { GeneratorReport, GeneratorSettings, runGenerator } from "./generator-handler";
import { handleHealth } from "./health-handler";
import {
    apiDependenciesFromEnvironment,
    searchDependenciesFromEnvironment,
    StaticSettings,
    syncDependenciesFromEnvironment,
} from "./runtime";
import { handleSearch } from "./search-handler";
import { SyncSettings, syncStreamBatch } from "./sync-handler";

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

const basePackages = ["@opensearch-project/opensearch", "@aws-sdk/credential-provider-node", "@aws-lambda-powertools/logger"];
const redisPackages = [...basePackages, "redis", "@aws-sdk/client-secrets-manager"];

/** npm packages each function's archive ships (production dependencies only). */
export const functionPackages = {
    generator: redisPackages,
    search: basePackages,
    cache: redisPackages,
    health: redisPackages,
    sync: [...basePackages, "@aws-lambda-powertools/batch", "@aws-sdk/util-dynamodb"],
};

export function generatorHandler(
    api: StaticSettings,
    settings: GeneratorSettings,
): () => (event: ScheduledEvent) => Promise<GeneratorReport> {
    return () => {
        const deps = apiDependenciesFromEnvironment(api);
        return (event: ScheduledEvent) => runGenerator(deps, settings, event);
    };
}

export function searchHandler(api: StaticSettings): () => ApiHandler {
    return () => {
        const deps = searchDependenciesFromEnvironment(api);
        return (event: APIGatewayProxyEvent) => handleSearch(deps, event);
    };
}

export function cacheHandler(api: StaticSettings): () => ApiHandler {
    return () => {
        const deps = apiDependenciesFromEnvironment(api);
        return (event: APIGatewayProxyEvent) => handleCacheLookup(deps, event);
    };
}

export function healthHandler(api: StaticSettings): () => ApiHandler {
    return () => {
        const deps = apiDependenciesFromEnvironment(api);
        return () => handleHealth(deps);
    };
}

export function syncHandler(settings: SyncSettings): () => (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse> {
    return () => {
        const deps = syncDependenciesFromEnvironment(settings.bulk.timeoutMs);
        return (event: DynamoDBStreamEvent) => syncStreamBatch(deps, settings, event);
    };
}
