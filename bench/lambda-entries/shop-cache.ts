// Hand-written entry of GET /cache: the same factory body, called at module load.
import type { APIGatewayProxyEvent } from "aws-lambda";
import { handleCacheLookup } from "../../functions/search-and-cache/cache-handler";
import { apiDependenciesFromEnvironment } from "../../functions/search-and-cache/runtime";
import { apiSettings } from "./settings";

const deps = apiDependenciesFromEnvironment(apiSettings);
export const handler = (event: APIGatewayProxyEvent) => handleCacheLookup(deps, event);
