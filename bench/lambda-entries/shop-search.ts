// Hand-written entry of GET /search: the same factory body, called at module load.
import type { APIGatewayProxyEvent } from "aws-lambda";
import { searchDependenciesFromEnvironment } from "../../functions/search-and-cache/runtime";
import { handleSearch } from "../../functions/search-and-cache/search-handler";
import { apiSettings } from "./settings";

const deps = searchDependenciesFromEnvironment(apiSettings);
export const handler = (event: APIGatewayProxyEvent) => handleSearch(deps, event);
