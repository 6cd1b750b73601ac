// What each Lambda uploads against what a careful engineer would ship, measured in one run:
//   size: the archive InlineLambda builds (zipped) vs an esbuild bundle of a hand-written entry
//         (bench/lambda-entries/<function>.ts) calling the same factory, built with the same options
//   load: cold module load of each (require() of the file, factory included) in fresh processes of
//         the runtime's Node major, median of `rounds`, the two interleaved
// Targets: size <= 1.25x, load <= 1.1x. Run: npm run bench -- bench/lambda-bundles.ts [dev|prod]
import { execFileSync } from "child_process";
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { zipSync } from "fflate";
import { bundleTarget, lambdaBuildOptions, uploadedFiles } from "../components/lambda-packaging";
import { programLambdas } from "../scripts/package/package";

const projectDir = path.resolve(__dirname, "..");
const rounds = 9;
const targets = { size: 1.25, load: 1.1 };

// Enough environment for every factory to build its clients; nothing connects at load.
const loadEnvironment = {
    PATH: process.env.PATH ?? "",
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "bench",
    AWS_SECRET_ACCESS_KEY: "bench",
    OPENSEARCH_ENDPOINT: "https://127.0.0.1:9",
    REDIS_HOST: "127.0.0.1",
    REDIS_PORT: "9",
    REDIS_AUTH_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:bench",
    DB_HOST: "127.0.0.1",
    DB_PORT: "9",
    DB_NAME: "bench",
    DB_SECRET_ARN: "arn:aws:secretsmanager:us-east-1:123456789012:secret:bench",
};

// Times require() of one file in the child itself, so process start-up is left out.
const loader =
    "const t=process.hrtime.bigint();require(process.argv[1]);process.stdout.write(String(Number(process.hrtime.bigint()-t)/1e6));";

function zippedBytes(files: Record<string, string>): number {
    const entries = Object.fromEntries(Object.entries(files).map(([name, text]) => [name, Buffer.from(text)]));
    return zipSync(entries, { level: 9 }).byteLength;
}

function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
}

function loadMs(file: string): number {
    return Number(
        execFileSync(process.execPath, ["-e", loader, file], { env: loadEnvironment, encoding: "utf8", cwd: path.dirname(file) }),
    );
}

interface Row {
    name: string;
    archiveKb: number;
    baselineKb: number;
    archiveMs: number;
    baselineMs: number;
}

async function measure(name: string, files: Record<string, string>, work: string): Promise<Row> {
    const entry = path.join(__dirname, "lambda-entries", `${name}.ts`);
    if (!fs.existsSync(entry)) {
        throw new Error(`no hand-written entry for ${name}: add bench/lambda-entries/${name}.ts`);
    }
    const baseline = await esbuild.build({ ...lambdaBuildOptions, entryPoints: [entry], absWorkingDir: projectDir, write: false });
    const baselineCode = baseline.outputFiles[0].text;
    const archiveFile = path.join(work, name, "archive", "__index.js");
    const baselineFile = path.join(work, name, "baseline", "index.js");
    for (const [file, text] of [
        [archiveFile, files["__index.js"]],
        [baselineFile, baselineCode],
    ]) {
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, text);
    }
    const archiveTimes: number[] = [];
    const baselineTimes: number[] = [];
    for (let round = 0; round < rounds; round++) {
        archiveTimes.push(loadMs(archiveFile));
        baselineTimes.push(loadMs(baselineFile));
    }
    return {
        name,
        archiveKb: zippedBytes(files) / 1024,
        baselineKb: zippedBytes({ "index.js": baselineCode }) / 1024,
        archiveMs: median(archiveTimes),
        baselineMs: median(baselineTimes),
    };
}

async function main(): Promise<void> {
    const stack = process.argv[2] ?? "dev";
    if (`node${process.versions.node.split(".")[0]}` !== bundleTarget) {
        throw new Error(`run on the Lambda runtime's Node (${bundleTarget}): npm run bench -- bench/lambda-bundles.ts`);
    }
    const lambdas = await programLambdas(stack);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "lambda-bundles-"));
    const rows: Row[] = [];
    for (const lambda of lambdas) {
        const urn = await new Promise<string>(resolve => lambda.urn.apply(resolve));
        const files = await uploadedFiles(lambda.function);
        if (Object.keys(files).length !== 1) {
            throw new Error(`${urn}: the archive holds ${Object.keys(files).length} files, not one bundle`);
        }
        rows.push(await measure(urn.slice(urn.lastIndexOf("::") + 2), files, work));
    }
    fs.rmSync(work, { recursive: true, force: true });

    console.log(
        `Lambda archives of stack ${stack} vs hand-written esbuild bundles (Node ${process.versions.node}, median of ${rounds} loads)`,
    );
    console.log("| function | archive zip KB | hand-written zip KB | size ratio | archive load ms | hand-written load ms | load ratio |");
    console.log("| --- | --- | --- | --- | --- | --- | --- |");
    let met = true;
    for (const row of rows) {
        const size = row.archiveKb / row.baselineKb;
        const load = row.archiveMs / row.baselineMs;
        met &&= size <= targets.size && load <= targets.load;
        console.log(
            `| ${row.name} | ${row.archiveKb.toFixed(1)} | ${row.baselineKb.toFixed(1)} | ${size.toFixed(3)} | ` +
                `${row.archiveMs.toFixed(1)} | ${row.baselineMs.toFixed(1)} | ${load.toFixed(3)} |`,
        );
    }
    console.log(`targets: size <= ${targets.size}x, load <= ${targets.load}x: ${met ? "met" : "NOT met"}`);
}

main().catch(error => {
    console.error(error);
    process.exitCode = 1;
});
