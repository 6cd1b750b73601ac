// Tier 4: the bytes an InlineLambda uploads, read back from its function's code archive, written to
// an empty directory and invoked in a fresh process of the Lambda runtime's Node major.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { InlineLambda } from "../../components/inline-lambda";
import { bundleTarget, uploadedFiles } from "../../components/lambda-packaging";
import { CapturedResource } from "../../scripts/plan/capture";
import { childrenOf } from "./pulumi";

const runner = path.join(__dirname, "lambda-runner.js");

export interface LambdaArchive {
    /** Directory holding the archive's files and nothing else (no node_modules to fall back on). */
    dir: string;
    /** Names of the files in the uploaded archive. */
    files: string[];
    /** The uploaded handler module. */
    source: string;
    /** npm packages the serialized code requires (all bundled into `source`). */
    packages: string[];
    /** Environment variables the function is deployed with. */
    environment: Record<string, string>;
}

/** Writes out the archive of an InlineLambda's function, exactly as the function resource received it. */
export async function materialize<E, R>(lambda: InlineLambda<E, R>): Promise<LambdaArchive> {
    const files = await uploadedFiles(lambda.function);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serialized-lambda-"));
    for (const [name, text] of Object.entries(files)) {
        fs.writeFileSync(path.join(dir, name), text);
    }
    const fn = (await childrenOf(lambda.urn)).find((r: CapturedResource) => r.type === "aws:lambda/function:Function");
    const variables = (fn?.inputs.environment as { variables?: Record<string, string> } | undefined)?.variables ?? {};
    return {
        dir,
        files: Object.keys(files).sort(),
        source: files["__index.js"],
        packages: (await lambda.bundle).packages,
        environment: variables,
    };
}

export interface Invocation<R> {
    ok: boolean;
    result?: R;
    error?: { name: string; message: string; stack: string };
}

/** This process's Node, which must be the runtime's major (scripts/node.sh sees to it). */
function runtimeNode(): string {
    const major = `node${process.versions.node.split(".")[0]}`;
    if (major !== bundleTarget) {
        throw new Error(
            `tier 4 must run on the Lambda runtime's Node (${bundleTarget}), not ${major}: run through npm test or scripts/node.sh`,
        );
    }
    return process.execPath;
}

/**
 * Invokes the archive's handler in a new Node process whose environment is the function's own plus
 * `overrides` (local endpoints, credentials), with the archive's directory as its only code.
 */
export async function invokeInFreshProcess<R>(
    archive: LambdaArchive,
    event: unknown,
    overrides: Record<string, string> = {},
): Promise<Invocation<R>> {
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-invocation-"));
    const eventFile = path.join(work, "event.json");
    const resultFile = path.join(work, "result.json");
    fs.writeFileSync(eventFile, JSON.stringify(event));
    const env = { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), ...archive.environment, ...overrides };
    try {
        await promisify(execFile)(runtimeNode(), [runner, archive.dir, eventFile, resultFile], { env, cwd: archive.dir, timeout: 60_000 });
        return JSON.parse(fs.readFileSync(resultFile, "utf8")) as Invocation<R>;
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
    }
}
