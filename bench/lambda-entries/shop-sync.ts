// Hand-written entry of the stream mirror: the same factory body, called at module load.
import type { DynamoDBStreamEvent } from "aws-lambda";
import { syncDependenciesFromEnvironment } from "../../functions/search-and-cache/runtime";
import { syncStreamBatch } from "../../functions/search-and-cache/sync-handler";
import { syncSettings } from "./settings";

const deps = syncDependenciesFromEnvironment(syncSettings.bulk.timeoutMs);
export const handler = (event: DynamoDBStreamEvent) => syncStreamBatch(deps, syncSettings, event);
