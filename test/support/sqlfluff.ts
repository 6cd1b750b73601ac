// Parses SQL with sqlfluff (installed in .cache/venv by scripts/python/install.sh), offline, in a
// given dialect. A statement sqlfluff cannot parse fails with the unparsable section quoted.
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT } from "./services";

const SQLFLUFF = path.join(REPO_ROOT, ".cache", "venv", "bin", "sqlfluff");

export interface ParseOutcome {
    ok: boolean;
    /** Segment type names found anywhere in the parse tree (merge_statement, copy_statement, ...). */
    segmentTypes: Set<string>;
    /** sqlfluff's own report when parsing failed. */
    report: string;
}

function collectKeys(node: unknown, into: Set<string>): void {
    if (Array.isArray(node)) {
        node.forEach(child => collectKeys(child, into));
    } else if (node && typeof node === "object") {
        for (const [key, value] of Object.entries(node)) {
            into.add(key);
            collectKeys(value, into);
        }
    }
}

/** Each statement in its own file, one directory parsed by one sqlfluff run (its start-up is the slow part). */
export function parseSql(statements: string[], dialect: "redshift" | "postgres"): ParseOutcome[] {
    const dir = mkdtempSync(path.join(tmpdir(), "sqlfluff-"));
    const files = statements.map((sql, index) => {
        const file = path.join(dir, `${String(index).padStart(3, "0")}.sql`);
        writeFileSync(file, `${sql}\n`);
        return file;
    });
    let output: string;
    try {
        output = execFileSync(SQLFLUFF, ["parse", "--dialect", dialect, "--format", "json", "--nofail", dir], {
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
        });
    } catch (error) {
        throw new Error(`sqlfluff could not run (${SQLFLUFF}; bash scripts/python/install.sh installs it): ${(error as Error).message}`);
    }
    const parsed = JSON.parse(output) as { filepath: string; segments: unknown }[];
    return files.map(file => {
        const entry = parsed.find(item => path.resolve(item.filepath) === file);
        const segmentTypes = new Set<string>();
        collectKeys(entry?.segments, segmentTypes);
        const ok = entry !== undefined && entry.segments !== null && !segmentTypes.has("unparsable");
        const report = ok ? "" : execFileSync(SQLFLUFF, ["parse", "--dialect", dialect, "--nofail", file], { encoding: "utf8" });
        return { ok, segmentTypes, report };
    });
}
