// The local stand-ins of one BatchWarehouse machine's tasks, keyed by state name: the crawler
// answers at once; the Glue job is the job's own transform on a local SparkSession over the raw
// archive in moto's S3, its Parquet written back to the processed zone (no raw files is an empty
// run that writes nothing, as a bookmarked Glue read with no new files; the load then answers
// "no new data" from the same processed-prefix check as the runner); the load and quality
// statements run on the local PostgreSQL standing in for Redshift (dialect "postgres": Redshift-only
// clauses stripped, COPY replaced by inserting the rows read from the Parquet output).
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from "@aws-sdk/client-s3";
import { execFile } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Client } from "pg";
import { gunzipSync } from "zlib";
import {
    crawlerResponse,
    describeStatementResponse,
    jobRunFailure,
    jobRunResponse,
    lambdaInvokeResponse,
    TaskError,
    TaskHandler,
} from "../../../components/batch-warehouse/local-tasks";
import { states } from "../../../components/batch-warehouse/state-names";
import { numericRow } from "../../../functions/batch-warehouse/handler";
import { prefixHasParquet } from "../../../functions/batch-warehouse/load-prefix";
import { judgeQuality } from "../../../functions/batch-warehouse/quality";
import { outputColumns } from "../../../functions/batch-warehouse/source-config";
import { quoteIdentifier } from "../../../functions/batch-warehouse/sql-text";
import {
    dedupeStatement,
    loadPrefix,
    mergeStatement,
    qualityStatement,
    stagingDdl,
    targetDdl,
    warehouseNames,
} from "../../../functions/batch-warehouse/warehouse-sql";
import type { LocalAws } from "../aws-local";
import { projectDir } from "../graph";
import type { WarehouseMachine } from "./machines";

const python = path.join(projectDir, ".cache", "venv", "bin", "python");
const localJob = path.join(__dirname, "local_glue_job.py");
/** Rows per INSERT of the load (one JSON parameter each). */
const insertChunk = 5000;

export interface JobSummary {
    rawFiles: number;
    processed: number;
    rejected: number;
}

async function listKeys(aws: LocalAws, bucket: string, prefix: string): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
        const page = await aws.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).map(o => o.Key!));
        token = page.NextContinuationToken;
    } while (token);
    return keys;
}

/** Every raw object, decompressed when GZIP (Firehose's objects), as plain files under `dir`. */
async function downloadRaw(aws: LocalAws, machine: WarehouseMachine, dir: string): Promise<number> {
    const keys = await listKeys(aws, machine.raw.bucket, machine.raw.prefix);
    for (const [index, key] of keys.entries()) {
        const object = await aws.s3.send(new GetObjectCommand({ Bucket: machine.raw.bucket, Key: key }));
        const bytes = Buffer.from(await object.Body!.transformToByteArray());
        const text = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
        fs.writeFileSync(path.join(dir, `part-${String(index).padStart(5, "0")}.json`), text);
    }
    return keys.length;
}

async function uploadTree(aws: LocalAws, localRoot: string, bucket: string, prefix: string): Promise<void> {
    if (!fs.existsSync(localRoot)) {
        return;
    }
    for (const entry of fs.readdirSync(localRoot, { recursive: true, withFileTypes: true })) {
        if (entry.isFile() && !entry.name.startsWith(".") && !entry.name.startsWith("_")) {
            const file = path.join(entry.parentPath, entry.name);
            const key = `${prefix}${path.relative(localRoot, file).split(path.sep).join("/")}`;
            await aws.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: fs.readFileSync(file) }));
        }
    }
}

function runLocalJob(args: string[], timeoutMs: number): Promise<string> {
    return new Promise((resolve, reject) => {
        execFile(python, [localJob, ...args], { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
            if (error) {
                reject(new Error(`${error.message}\n${stderr.split("\n").slice(-15).join("\n")}`));
            } else {
                resolve(stdout);
            }
        });
    });
}

async function withClient<T>(connect: () => Client, body: (client: Client) => Promise<T>): Promise<T> {
    const client = connect();
    await client.connect();
    try {
        return await body(client);
    } finally {
        await client.end();
    }
}

export interface LocalTaskContext {
    machine: WarehouseMachine;
    aws: LocalAws;
    /** A client of the PostgreSQL database standing in for this warehouse. */
    connect: () => Client;
    /** What the last job run read and wrote, for the run's report. */
    onJob?: (summary: JobSummary) => void;
}

export function localTaskHandlers(context: LocalTaskContext): Record<string, TaskHandler> {
    const { machine, aws, connect } = context;
    const source = machine.source;
    const rowsByLoad = new Map<string, Record<string, unknown>[]>();

    const runJob: TaskHandler = async () => {
        const loadId = `jr_${randomBytes(32).toString("hex")}`;
        const work = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-warehouse-"));
        try {
            const rawDir = path.join(work, "raw");
            const outDir = path.join(work, "out");
            fs.mkdirSync(rawDir);
            if ((await downloadRaw(aws, machine, rawDir)) === 0) {
                context.onJob?.({ rawFiles: 0, processed: 0, rejected: 0 });
                return jobRunResponse(machine.jobName, loadId);
            }
            const configFile = path.join(work, "source.json");
            fs.writeFileSync(configFile, JSON.stringify(source));
            let stdout: string;
            try {
                stdout = await runLocalJob([configFile, rawDir, outDir, loadId], machine.jobTimeoutSeconds * 1000);
            } catch (error) {
                throw jobRunFailure(machine.jobName, loadId, (error as Error).message);
            }
            const summary = JSON.parse(stdout.trim().split("\n").pop() ?? "{}") as JobSummary;
            await uploadTree(aws, path.join(outDir, "processed"), machine.processed.bucket, machine.processed.prefix);
            await uploadTree(aws, path.join(outDir, "rejected"), machine.rejected.bucket, machine.rejected.prefix);
            const lines = fs.readFileSync(path.join(outDir, "rows.jsonl"), "utf8").split("\n").filter(Boolean);
            rowsByLoad.set(
                loadId,
                lines.map(line => JSON.parse(line) as Record<string, unknown>),
            );
            context.onJob?.(summary);
            return jobRunResponse(machine.jobName, loadId);
        } finally {
            fs.rmSync(work, { recursive: true, force: true });
        }
    };

    // The Data API batch, as one transaction: target DDL, fresh staging, the rows COPY would read, dedupe, MERGE.
    const startLoad: TaskHandler = async input => {
        const loadId = String((input.Payload as { loadId?: unknown } | undefined)?.loadId);
        const processedRoot = `s3://${machine.processed.bucket}/${machine.processed.prefix}`;
        if (!(await prefixHasParquet(aws.s3, loadPrefix(source, processedRoot, loadId)))) {
            return lambdaInvokeResponse({ hasData: false, statementId: null, loadId });
        }
        const rows = rowsByLoad.get(loadId);
        if (!rows) {
            throw new TaskError("RunnerInputError", `no job output for load ${loadId}`);
        }
        const staging = warehouseNames(source).staging;
        const columns = outputColumns(source).map(quoteIdentifier).join(", ");
        // What COPY would do: the Parquet rows into staging, typed by staging's own columns.
        const insert = `INSERT INTO ${staging} (${columns})\nSELECT ${columns} FROM json_populate_recordset(NULL::${staging}, $1::json)`;
        const statements = [...targetDdl(source, "postgres"), ...stagingDdl(source, "postgres")];
        await withClient(connect, async client => {
            await client.query("BEGIN");
            try {
                for (const sql of statements) {
                    await client.query(sql);
                }
                for (let start = 0; start < rows.length; start += insertChunk) {
                    await client.query(insert, [JSON.stringify(rows.slice(start, start + insertChunk))]);
                }
                await client.query(dedupeStatement(source));
                await client.query(mergeStatement(source));
                await client.query("COMMIT");
            } catch (error) {
                await client.query("ROLLBACK");
                throw new TaskError("RedshiftData.StatementFailed", (error as Error).message);
            }
        });
        rowsByLoad.delete(loadId);
        return lambdaInvokeResponse({ hasData: true, statementId: `local-${loadId}`, loadId, statements: statements.length + 3 });
    };

    const checkQuality: TaskHandler = async () => {
        const row = await withClient(connect, async client => (await client.query(qualityStatement(source))).rows[0] ?? {});
        return lambdaInvokeResponse(judgeQuality(numericRow(row as Record<string, unknown>), source.warehouse.quality));
    };

    return {
        [states.startCrawler]: async () => ({}),
        [states.getCrawler]: async () => crawlerResponse(machine.crawlerName, "READY", { Status: "SUCCEEDED" }),
        [states.runJob]: runJob,
        [states.startLoad]: startLoad,
        [states.describeLoad]: async input => describeStatementResponse(String(input.Id), "FINISHED"),
        [states.checkQuality]: checkQuality,
    };
}
