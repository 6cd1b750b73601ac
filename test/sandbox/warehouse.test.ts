// BatchWarehouse in the sandbox end to end: `npm start` as a child process, invoice events sent to
// StreamIngest's API, the local Firehose writing them to the raw archive in moto's S3, the state
// machine run on the local ASL interpreter with the Glue job's transform on a local SparkSession,
// the load on the local PostgreSQL, and the run's notification in moto's SNS. Each outcome is
// checked in the services themselves.
import { CreateTopicCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Client } from "pg";
import { loadSources, sourcesDirectory } from "../../config/sources";
import type { StepResult } from "../../scripts/sandbox/demo";
import type { Endpoints } from "../../scripts/sandbox/report";
import type { StatusSnapshot } from "../../scripts/sandbox/status";
import { invoiceNumbers, warehouseDemoSteps } from "../../scripts/sandbox/warehouse/demo-steps";
import { awsClientConfig, requireService, s3ClientConfig } from "../support/services";
import { SandboxProcess, spawnSandbox, waitUntilReady } from "./sandbox-process";

const projectDir = path.resolve(__dirname, "..", "..");

describe("sandbox: BatchWarehouse from StreamIngest's archive into the warehouse table", function () {
    this.timeout(900_000);
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-warehouse-"));
    const runId = `wh${Date.now().toString(36)}`;
    let sandbox: SandboxProcess;
    let endpoints: Endpoints;
    let results: StepResult[] = [];
    let alertsUrl = "";

    // The demo's events reach online_retail's machine; the other sources' machines have no data here.
    const warehouse = () => endpoints.warehouses.find(w => w.source === "online_retail")!;
    const query = async <T>(sql: string, values: unknown[] = []): Promise<T[]> => {
        const db = new Client({ connectionString: warehouse().dsn });
        await db.connect();
        try {
            return (await db.query(sql, values)).rows as T[];
        } finally {
            await db.end();
        }
    };
    const target = () =>
        warehouse()
            .table.split(".")
            .map(part => `"${part}"`)
            .join(".");
    const count = async () => Number((await query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${target()}`))[0].n);

    before(async () => {
        await requireService("postgres", "redis", "opensearch", "moto");
        sandbox = spawnSandbox(stateDir);
        endpoints = await waitUntilReady(sandbox, stateDir, 300_000);
        process.env.SANDBOX_DIR = stateDir;
        // A queue on the run topic (the name the sandbox gives it), to read what the run publishes.
        const sns = new SNSClient(awsClientConfig());
        const sqs = new SQSClient(awsClientConfig());
        const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: `${endpoints.stack}-warehouse-runs` }));
        ({ QueueUrl: alertsUrl = "" } = await sqs.send(new CreateQueueCommand({ QueueName: `warehouse-runs-${runId}` })));
        const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: alertsUrl, AttributeNames: ["QueueArn"] }));
        await sns.send(new SubscribeCommand({ TopicArn, Protocol: "sqs", Endpoint: Attributes?.QueueArn }));
    });

    after(async () => {
        delete process.env.SANDBOX_DIR;
        if (sandbox?.child.exitCode === null) {
            sandbox.child.kill("SIGINT");
            await sandbox.exited;
        }
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    it("lists the delivery stream and a state machine per source as run here, neither as not emulated", () => {
        const output = sandbox.output();
        expect(output).to.match(
            /delivery stream of pipeline events\n\s+events-archive: stream to s3:\/\/dev-events-archive\/raw\/events\//,
        );
        expect(output).to.match(
            /state machine of pipeline warehouse\n\s+warehouse-pipeline: source online_retail into \S+\.retail\.invoice_lines/,
        );
        const notEmulated = output.slice(output.indexOf("not emulated:")).split("\n\n")[0];
        expect(notEmulated, notEmulated).to.not.match(/events-archive|warehouse-pipeline/);
        const declared = loadSources(sourcesDirectory(process.env, projectDir)).map(s => s.name);
        expect(endpoints.warehouses.map(w => w.source).sort()).to.deep.equal([...declared].sort());
    });

    it("follows the demo's events from the API through the archive into the warehouse table", async () => {
        for (const step of warehouseDemoSteps(endpoints, runId)) {
            try {
                results.push({ name: step.name, ok: true, ms: 0, detail: await step.run() });
            } catch (error) {
                results.push({ name: step.name, ok: false, ms: 0, detail: (error as Error).message });
            }
        }
        expect(
            results.filter(r => !r.ok),
            JSON.stringify(results, null, 1),
        ).to.deep.equal([]);
        expect(results.map(r => r.name)).to.include("run the online_retail warehouse state machine and count its table");
        expect(results[results.length - 1].detail).to.match(/^\d+ rows in warehouse table retail\.invoice_lines/);
    });

    it("left typed, labelled rows in PostgreSQL: nulls kept, the cancellation labelled, each row noting its load", async () => {
        const [sale, cancelled] = invoiceNumbers(runId);
        const ours = await query<Record<string, unknown>>(
            `SELECT stock_code, quantity::int, customer_id::text, line_type, first_load_id, last_load_id
             FROM ${target()} WHERE invoice_no IN ($1, $2) ORDER BY line_type DESC, stock_code`,
            [sale, `C${cancelled}`],
        );
        expect(ours.map(r => [r.stock_code, r.quantity, r.customer_id, r.line_type])).to.deep.equal([
            ["71053", 6, null, "sale"],
            ["85123A", 6, "17850", "sale"],
            ["22633", -2, "17850", "cancellation"],
        ]);
        expect(String(ours[0].first_load_id)).to.match(/^jr_[0-9a-f]{64}$/);
        expect(ours.map(r => r.last_load_id)).to.deep.equal(ours.map(r => r.first_load_id));
    });

    it("wrote the job's Parquet to the processed zone and published the success to SNS", async () => {
        const zones = endpoints.buckets.find(b => b.resource === "warehouse-zones")!.name;
        const s3 = new S3Client(s3ClientConfig());
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: zones, Prefix: "processed/online_retail/load_id=jr_" }));
        expect((listed.Contents ?? []).map(o => o.Key)).to.satisfy((keys: string[]) =>
            keys.some(k => /event_date=2010-12-01\/.*\.parquet$/.test(k)),
        );
        const sqs = new SQSClient(awsClientConfig());
        const { Messages = [] } = await sqs.send(
            new ReceiveMessageCommand({ QueueUrl: alertsUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }),
        );
        const subjects = Messages.map(m => (JSON.parse(m.Body ?? "{}") as { Subject?: string }).Subject);
        expect(subjects).to.include("BatchWarehouse online_retail: load succeeded");
    });

    it("runs again from the CLI without changing the table (the MERGE is idempotent), and the status page says so", async () => {
        const before = await count();
        const cli = spawnSync(
            process.execPath,
            ["-r", "ts-node/register/transpile-only", "scripts/sandbox/cli.ts", "warehouse-run", "warehouse-pipeline"],
            {
                cwd: projectDir,
                env: { ...process.env, SANDBOX_DIR: stateDir },
                encoding: "utf8",
                timeout: 600_000,
            },
        );
        expect(cli.status, cli.stderr + cli.stdout).to.equal(0);
        expect(cli.stdout).to.match(new RegExp(`warehouse-pipeline: SUCCEEDED; ${before} rows in retail\\.invoice_lines`));
        expect(await count()).to.equal(before);
        const status = (await (await fetch(`${endpoints.statusUrl}status.json`)).json()) as StatusSnapshot;
        expect(status.warehouses.note).to.match(/DISTSTYLE\/DISTKEY\/SORTKEY are stripped/);
        const machine = status.warehouses.machines.find(m => m.name === "warehouse-pipeline");
        expect(machine?.last).to.deep.include({ status: "SUCCEEDED", tableRows: before });
        const page = await (await fetch(endpoints.statusUrl)).text();
        expect(page).to.include('action="/warehouse/warehouse-pipeline/run?wait=0"');
    });
});
