// Hand-written entry of the generator: the same factory body, called at module load.
import type { ScheduledEvent } from "aws-lambda";
import { runGenerator } from "../../functions/search-and-cache/generator-handler";
import { apiDependenciesFromEnvironment } from "../../functions/search-and-cache/runtime";
import { apiSettings, generatorSettings } from "./settings";

const deps = apiDependenciesFromEnvironment(apiSettings);
export const handler = (event: ScheduledEvent) => runGenerator(deps, generatorSettings, event);
