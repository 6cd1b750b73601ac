// The repository's sources/ as the program loads them, for tests that build the warehouse.
import * as path from "node:path";
import { loadSources } from "../../config/sources";
import type { SourceDefinition } from "../../functions/sources/source-definition";

export const repositorySourcesDir = path.resolve(__dirname, "..", "..", "sources");

export function repositorySources(): SourceDefinition[] {
    return loadSources(repositorySourcesDir);
}
