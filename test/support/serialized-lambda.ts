// Tier 4: the code Pulumi would upload for an InlineLambda, written out as an archive directory and
// invoked in a fresh Node process with only the packages the archive ships.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import * as pulumi from "@pulumi/pulumi";
import { InlineLambda } from "../../components/inline-lambda";
import { CapturedResource } from "../../scripts/plan/capture";
import { childrenOf, promiseOf } from "./pulumi";

const projectDir = path.resolve(__dirname, "..", "..");
const runner = path.join(__dirname, "lambda-runner.js");

export interface LambdaArchive {
    /** Directory holding `__index.js` and `node_modules/` with the shipped packages. */
    dir: string;
    /** The serialized handler module. */
    source: string;
    /** Top-level package folders shipped in the archive. */
    packages: string[];
    /** Environment variables the function is deployed with. */
    environment: Record<string, string>;
}

interface AssetLike {
    text?: Promise<string>;
    path?: Promise<string>;
}

/** Writes out the archive of an InlineLambda's function, exactly as CallbackFunction built it. */
export async function materialize<E, R>(lambda: InlineLambda<E, R>): Promise<LambdaArchive> {
    const archive = await promiseOf(lambda.function.code as pulumi.Output<pulumi.asset.Archive>);
    const assets = await (archive as unknown as { assets: Promise<Record<string, AssetLike>> }).assets;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "serialized-lambda-"));
    fs.mkdirSync(path.join(dir, "node_modules"));
    let source = "";
    const packages: string[] = [];
    for (const [name, asset] of Object.entries(assets)) {
        if (name === "__index.js") {
            source = await asset.text!;
            fs.writeFileSync(path.join(dir, name), source);
        } else if (name.startsWith("node_modules/")) {
            const target = path.join(dir, name);
            fs.mkdirSync(path.dirname(target), { recursive: true });
            fs.symlinkSync(path.resolve(projectDir, await asset.path!), target, "dir");
            packages.push(name.slice("node_modules/".length));
        } else {
            throw new Error(`unexpected archive entry ${name}`);
        }
    }
    const fn = (await childrenOf(lambda.urn)).find((r: CapturedResource) => r.type === "aws:lambda/function:Function");
    const variables = (fn?.inputs.environment as { variables?: Record<string, string> } | undefined)?.variables ?? {};
    return { dir, source, packages: packages.sort(), environment: variables };
}

export interface Invocation<R> {
    ok: boolean;
    result?: R;
    error?: { name: string; message: string; stack: string };
}

/**
 * Invokes the archive's handler in a new Node process whose environment is the function's own plus
 * `overrides` (local endpoints, credentials). Symlinks are preserved so that a package the archive
 * does not ship cannot be found through the project's node_modules.
 */
export async function invokeInFreshProcess<R>(
    archive: LambdaArchive,
    event: unknown,
    overrides: Record<string, string> = {},
): Promise<Invocation<R>> {
    const eventFile = path.join(archive.dir, "event.json");
    const resultFile = path.join(archive.dir, "result.json");
    fs.writeFileSync(eventFile, JSON.stringify(event));
    fs.rmSync(resultFile, { force: true });
    const env = { PATH: process.env.PATH ?? "", HOME: os.tmpdir(), ...archive.environment, ...overrides };
    await promisify(execFile)(
        process.execPath,
        ["--preserve-symlinks", "--preserve-symlinks-main", runner, archive.dir, eventFile, resultFile],
        { env, cwd: archive.dir, timeout: 60_000 },
    );
    return JSON.parse(fs.readFileSync(resultFile, "utf8")) as Invocation<R>;
}
