// Hand-written entry of GET /health: the same factory body, called at module load.
import { handleHealth } from "../../functions/search-and-cache/health-handler";
import { apiDependenciesFromEnvironment } from "../../functions/search-and-cache/runtime";
import { apiSettings } from "./settings";

const deps = apiDependenciesFromEnvironment(apiSettings);
export const handler = () => handleHealth(deps);
