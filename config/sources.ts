// Reads every sources/*.yaml|yml|json file at plan/up time: validates it against the JSON Schema
// (config/source-schema.ts, with ajv), checks its references and cross-file uniqueness, and
// returns typed definitions with defaults applied. Any problem throws SourceFileError naming the
// file, the path inside it and what was expected; the plan exits 2 on it.
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";

import Ajv2020, { ErrorObject } from "ajv/dist/2020";
import * as yaml from "js-yaml";

import { referenceProblem, referencesIn, secretNamesIn } from "../functions/sources/references";
import { SourceDefinition } from "../functions/sources/source-definition";
import { ConfigError } from "./values";
import { normaliseSource, RawSourceFile } from "./source-defaults";
import { sourceFileSchema } from "./source-schema";

export interface SourceProblem {
    file: string;
    /** JSON Pointer inside the file ("" is the whole document). */
    path: string;
    expected: string;
}

export class SourceFileError extends ConfigError {
    constructor(readonly problems: SourceProblem[]) {
        super(problems.map(p => `${p.file}: ${p.path || "/"}: ${p.expected}`).join("\n"));
        this.name = "SourceFileError";
    }
}

// verbose: errors carry their schema, whose `description` says what a oneOf/anyOf expects.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true, verbose: true });
const validateFile = ajv.compile(sourceFileSchema);

/** One ajv error as "what was expected", with the detail ajv keeps in params. */
function describe(error: ErrorObject): SourceProblem["expected"] {
    const params = error.params as Record<string, unknown>;
    switch (error.keyword) {
        case "additionalProperties":
            return `unknown key ${JSON.stringify(params.additionalProperty)}`;
        case "required":
            return `missing required key ${JSON.stringify(params.missingProperty)}`;
        case "enum":
            return `must be one of ${(params.allowedValues as unknown[]).map(v => JSON.stringify(v)).join(", ")}`;
        case "pattern":
            return `must match ${String(params.pattern)}`;
        case "oneOf":
        case "anyOf":
            return `must be ${(error.parentSchema as { description?: string } | undefined)?.description ?? "one of the documented forms"}`;
        default:
            return error.message ?? error.keyword;
    }
}

/** Without the noise: `if`/`propertyNames` umbrellas, the branch errors of a failed oneOf/anyOf at
 * its own value (its description says it better), and the umbrella when a deeper error explains it. */
function usefulErrors(errors: ErrorObject[]): ErrorObject[] {
    const alternatives = errors.filter(e => e.keyword === "oneOf" || e.keyword === "anyOf");
    const branchOf = (e: ErrorObject, alt: ErrorObject) =>
        e !== alt && e.schemaPath.startsWith(`${alt.schemaPath}/`) && e.instancePath === alt.instancePath;
    const explainedDeeper = (alt: ErrorObject) =>
        errors.some(e => e.schemaPath.startsWith(`${alt.schemaPath}/`) && e.instancePath.startsWith(`${alt.instancePath}/`));
    return errors.filter(
        e =>
            e.keyword !== "if" &&
            e.keyword !== "propertyNames" &&
            !alternatives.some(alt => branchOf(e, alt)) &&
            !(alternatives.includes(e) && explainedDeeper(e)),
    );
}

function schemaProblems(file: string, errors: ErrorObject[]): SourceProblem[] {
    const useful = usefulErrors(errors);
    const seen = new Set<string>();
    return useful
        .map(error => {
            const { propertyName } = error as ErrorObject & { propertyName?: string };
            return {
                file,
                path: error.instancePath,
                expected: propertyName ? `key ${JSON.stringify(propertyName)} ${describe(error)}` : describe(error),
            };
        })
        .filter(problem => {
            const id = `${problem.path}|${problem.expected}`;
            return seen.has(id) ? false : (seen.add(id), true);
        });
}

/** Every string in a parsed document with its JSON Pointer. */
function* strings(value: unknown, pointer = ""): Generator<[string, string]> {
    if (typeof value === "string") {
        yield [pointer, value];
    } else if (Array.isArray(value)) {
        for (const [index, item] of value.entries()) yield* strings(item, `${pointer}/${index}`);
    } else if (value && typeof value === "object") {
        for (const [key, item] of Object.entries(value)) yield* strings(item, `${pointer}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`);
    }
}

/** References are allowed in header/query values (secrets) and in destination.bucket (zones) only. */
function referenceProblems(file: string, document: unknown): SourceProblem[] {
    const problems: SourceProblem[] = [];
    for (const [pointer, value] of strings(document)) {
        for (const reference of referencesIn(value)) {
            const problem = referenceProblem(reference);
            if (problem) {
                problems.push({ file, path: pointer, expected: problem });
            } else if (reference.kind === "SECRET" && !/^\/source\/config\/(headers|query)\//.test(pointer)) {
                problems.push({
                    file,
                    path: pointer,
                    expected: `${reference.text}: secret references are allowed only in config.headers and config.query`,
                });
            } else if (reference.kind === "BUCKET" && pointer !== "/source/destination/bucket") {
                problems.push({
                    file,
                    path: pointer,
                    expected: `${reference.text}: bucket references are allowed only in destination.bucket`,
                });
            }
        }
    }
    return problems;
}

function parse(file: string, text: string): unknown {
    try {
        return file.endsWith(".json") ? JSON.parse(text) : yaml.load(text, { filename: file, schema: yaml.JSON_SCHEMA });
    } catch (error) {
        throw new SourceFileError([
            { file, path: "", expected: `valid ${file.endsWith(".json") ? "JSON" : "YAML"} (${(error as Error).message.split("\n")[0]})` },
        ]);
    }
}

/** Validates one parsed file; returns its definition or the problems found. */
export function checkSourceDocument(file: string, document: unknown): SourceDefinition | SourceProblem[] {
    const problems = validateFile(document) ? [] : schemaProblems(file, validateFile.errors ?? []);
    problems.push(...referenceProblems(file, document));
    if (problems.length > 0) {
        return problems;
    }
    const raw = document as RawSourceFile;
    const secrets = [...new Set([...strings(raw.source.config)].flatMap(([, value]) => secretNamesIn(value)))].sort();
    return normaliseSource(file, raw, secrets);
}

function duplicates(sources: SourceDefinition[]): SourceProblem[] {
    const problems: SourceProblem[] = [];
    const byName = new Map<string, string>();
    const byTable = new Map<string, string>();
    for (const source of sources) {
        const table = `${source.redshift.schema}.${source.redshift.table}`;
        const sameName = byName.get(source.name);
        const sameTable = byTable.get(table);
        if (sameName) {
            problems.push({
                file: source.file,
                path: "/source/name",
                expected: `a unique source name (${source.name} is also declared in ${sameName})`,
            });
        }
        if (sameTable) {
            problems.push({
                file: source.file,
                path: "/source/redshift/table",
                expected: `a table no other source loads (${table} is also loaded by ${sameTable})`,
            });
        }
        byName.set(source.name, byName.get(source.name) ?? source.file);
        byTable.set(table, byTable.get(table) ?? source.file);
    }
    return problems.concat(overlappingLandings(sources));
}

/** A stream whose owner archives it lands in the owner's bucket, not in the warehouse's raw zone. */
function landsInRawZone(source: SourceDefinition): boolean {
    return !(source.type === "stream" && source.config.archive === "existing");
}

// One source's crawler and job read everything under its raw prefix: a prefix inside another
// source's would load that source's files into the wrong table.
function overlappingLandings(sources: SourceDefinition[]): SourceProblem[] {
    const landing = sources.filter(landsInRawZone);
    return landing.flatMap((source, index) =>
        landing
            .slice(0, index)
            .filter(
                earlier =>
                    earlier.destination.prefix.startsWith(source.destination.prefix) ||
                    source.destination.prefix.startsWith(earlier.destination.prefix),
            )
            .map(earlier => ({
                file: source.file,
                path: "/source/destination/prefix",
                expected: `a raw prefix apart from every other source's (${source.destination.prefix} overlaps ${earlier.destination.prefix} of ${earlier.file})`,
            })),
    );
}

/** The directory the program reads sources from: DATAPLATFORM_SOURCES_DIR, else <project>/sources. */
export function sourcesDirectory(env: NodeJS.ProcessEnv, projectDir: string): string {
    const configured = env.DATAPLATFORM_SOURCES_DIR;
    return configured ? path.resolve(projectDir, configured) : path.join(projectDir, "sources");
}

export const sourceFilePattern = /\.(ya?ml|json)$/;

/** Every source declared in a directory (none when it does not exist), sorted by file name. */
export function loadSources(directory: string): SourceDefinition[] {
    let files: string[];
    try {
        files = readdirSync(directory)
            .filter(name => sourceFilePattern.test(name))
            .sort();
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") {
            return [];
        }
        throw error;
    }
    const sources: SourceDefinition[] = [];
    const problems: SourceProblem[] = [];
    for (const name of files) {
        const file = path.posix.join(path.basename(directory), name);
        let result: SourceDefinition | SourceProblem[];
        try {
            result = checkSourceDocument(file, parse(file, readFileSync(path.join(directory, name), "utf8")));
        } catch (error) {
            if (!(error instanceof SourceFileError)) {
                throw error;
            }
            result = error.problems;
        }
        if (Array.isArray(result)) {
            problems.push(...result);
        } else {
            sources.push(result);
        }
    }
    problems.push(...duplicates(sources));
    if (problems.length > 0) {
        throw new SourceFileError(problems);
    }
    return sources;
}
