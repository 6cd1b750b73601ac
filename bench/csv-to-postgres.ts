// Benchmark of the CsvToPostgres function (npm run bench -- bench/csv-to-postgres.ts).
// Needs the local services (bash scripts/services/up.sh). Prints, from one run:
//  1. rows/s of the function (S3 object -> CSV scanner -> per-row type checks -> COPY into a staging
//     table -> DISTINCT ON merge) against rows/s of a plain COPY of the same object into an empty
//     unindexed table (the physical limit), and their ratio; for a new table and for a re-upload;
//  2. peak RSS of a process running the function on files of growing size, up to 1 GiB.
import { execFile } from "child_process";
import { Readable } from "stream";
import { pipeline } from "stream/promises";
import { promisify } from "util";
import * as path from "path";
import { CreateBucketCommand, GetObjectCommand, HeadObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { CONNECTION_FILE, postgresConfig, requireService, resetMoto, s3ClientConfig } from "../test/support/services";
import { csvChunks, csvRows, plainTableColumns } from "./csv-generator";
import { loadWithSqlChecks } from "./sql-side-checks";

const bucket = "bench-csv";
const throughputRows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const memorySizes = (process.env.BENCH_RSS_MB ?? "10,100,1024").split(",").map(Number);

const s3 = new S3Client(s3ClientConfig());

async function put(key: string, chunks: Iterable<string>): Promise<number> {
    await new Upload({ client: s3, params: { Bucket: bucket, Key: key, Body: Readable.from(chunks) }, partSize: 16 * 2 ** 20 }).done();
    return (await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))).ContentLength!;
}

interface ChildResult {
    outcome: { status: string; summary?: { rowsRead: number; rowsUpserted: number } };
    seconds: number;
    rssBeforeMb: number;
    peakRssMb: number;
    /** Largest V8 heap (committed) and largest memory outside it (Buffers) seen while loading. */
    heapTotalMb: number;
    externalMb: number;
}

const projectDir = path.join(__dirname, "..");
/** The child compiled to plain JavaScript, so its memory is the function's, not ts-node's. */
const childScript = path.join(__dirname, "out", "bench", "csv-load-child.js");

function compileChild(): Promise<unknown> {
    return promisify(execFile)(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", path.join(__dirname, "tsconfig.json")], {
        cwd: projectDir,
    });
}

/** Runs the function in a child process on one object. */
async function runFunction(key: string, size: number): Promise<ChildResult> {
    const { stdout } = await promisify(execFile)(process.execPath, [childScript, bucket, key, String(size)], {
        cwd: projectDir,
        env: { ...process.env, LOCAL_SERVICES_FILE: CONNECTION_FILE }, // the compiled copy lives elsewhere
        maxBuffer: 1 << 20,
        timeout: 30 * 60_000,
    });
    const result = JSON.parse(stdout) as ChildResult;
    if (result.outcome.status !== "loaded") {
        throw new Error(`the function did not load ${key}: ${stdout}`);
    }
    return result;
}

/** The physical limit: the same S3 object streamed straight into COPY (PostgreSQL parses the CSV). */
async function plainCopy(client: Client, key: string, table: string): Promise<number> {
    await client.query(`DROP TABLE IF EXISTS ${table}; CREATE TABLE ${table} (${plainTableColumns})`);
    const started = process.hrtime.bigint();
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    await pipeline(object.Body as Readable, client.query(copyFrom(`COPY ${table} FROM STDIN (FORMAT csv, HEADER true)`)));
    return Number(process.hrtime.bigint() - started) / 1e9;
}

/** The alternative design: text staging, checks and casts in SQL (same process as the COPY baseline). */
async function sqlChecks(client: Client, key: string): Promise<number> {
    await client.query("DROP TABLE IF EXISTS bench_sql");
    const started = process.hrtime.bigint();
    const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const { loaded } = await loadWithSqlChecks(client, object.Body as Readable, "bench_sql");
    if (loaded !== throughputRows) {
        throw new Error(`SQL-side checks loaded ${loaded} rows, expected ${throughputRows}`);
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const perSecond = (rows: number, seconds: number) => Math.round(rows / seconds);

async function throughput(client: Client): Promise<void> {
    const key = "data/bench_rows.csv";
    const size = await put(key, csvRows(throughputRows));
    console.log(`\nThroughput: ${throughputRows.toLocaleString("en")} rows, ${(size / 2 ** 20).toFixed(1)} MiB, ${rounds} rounds (median)`);
    const fresh: number[] = [];
    const update: number[] = [];
    const copy: number[] = [];
    const sql: number[] = [];
    for (let round = 0; round < rounds; round++) {
        await client.query("DROP TABLE IF EXISTS bench_rows");
        copy.push(await plainCopy(client, key, "bench_plain"));
        sql.push(await sqlChecks(client, key));
        fresh.push((await runFunction(key, size)).seconds); // creates bench_rows
        update.push((await runFunction(key, size)).seconds); // same file again: every key conflicts
    }
    await client.query("DROP TABLE IF EXISTS bench_rows; DROP TABLE IF EXISTS bench_plain; DROP TABLE IF EXISTS bench_sql");
    const copyRate = perSecond(throughputRows, median(copy));
    const rows: [string, number][] = [
        ["plain COPY into an empty unindexed table", copyRate],
        ["function, new table (insert path)", perSecond(throughputRows, median(fresh))],
        ["function, same file again (update path)", perSecond(throughputRows, median(update))],
        ["alternative: checks in SQL on a text stage, new table", perSecond(throughputRows, median(sql))],
    ];
    for (const [label, rate] of rows) {
        console.log(`  ${label.padEnd(54)} ${rate.toLocaleString("en").padStart(10)} rows/s   ratio ${(rate / copyRate).toFixed(2)}`);
    }
}

async function memory(client: Client): Promise<void> {
    console.log("\nPeak RSS of a Node process running the function (compiled JavaScript, as in Lambda):");
    for (const mb of memorySizes) {
        const key = `data/bench_rss_${mb}mb.csv`;
        const size = await put(key, csvChunks(mb * 2 ** 20));
        await client.query(`DROP TABLE IF EXISTS bench_rss_${mb}mb`);
        const result = await runFunction(key, size);
        await client.query(`DROP TABLE IF EXISTS bench_rss_${mb}mb`);
        console.log(
            `  ${`${(size / 2 ** 20).toFixed(0)} MiB`.padStart(9)}, ${result.outcome.summary!.rowsRead.toLocaleString("en").padStart(11)} rows: ` +
                `peak RSS ${result.peakRssMb.toFixed(0).padStart(4)} MB (${result.rssBeforeMb.toFixed(0)} MB before the load; ` +
                `V8 heap <= ${result.heapTotalMb.toFixed(0)} MB, buffers <= ${result.externalMb.toFixed(0)} MB), ` +
                `${perSecond(result.outcome.summary!.rowsRead, result.seconds).toLocaleString("en")} rows/s`,
        );
    }
}

async function main(): Promise<void> {
    await requireService("postgres", "moto");
    await compileChild();
    await resetMoto();
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const client = new Client(postgresConfig());
    await client.connect();
    try {
        if (!process.argv.includes("--memory-only")) {
            await throughput(client);
        }
        if (!process.argv.includes("--throughput-only")) {
            await memory(client);
        }
    } finally {
        await client.end();
        await resetMoto();
    }
}

main().catch(error => {
    console.error(error);
    process.exitCode = 1;
});
