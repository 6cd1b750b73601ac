// The sandbox end to end: `npm start`'s program as a child process against the local services, the
// demo driven through it, the outcomes checked in the services themselves, the status page in a
// real headless browser (screenshot in test/output/), and nothing left running after SIGINT.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { Client } from "pg";
import { mirrorIndexName } from "../../components/defaults/search-and-cache-defaults";
import { runDemo, StepResult } from "../../scripts/sandbox/demo";
import type { Endpoints } from "../../scripts/sandbox/report";
import type { StatusSnapshot } from "../../scripts/sandbox/status";
import { openSearchClient, requireService, s3ClientConfig } from "../support/services";
import { processesNaming, SandboxProcess, spawnSandbox, waitUntilReady } from "./sandbox-process";
import { freshBrowser } from "./status-browser";

const outputDir = path.resolve(__dirname, "..", "output");

describe("sandbox (npm start) end to end", function () {
    this.timeout(600_000);
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-e2e-"));
    let sandbox: SandboxProcess;
    let endpoints: Endpoints;
    let results: StepResult[];
    const runId = `e2e${Date.now().toString(36)}`;
    const status = async () => (await (await fetch(`${endpoints.statusUrl}status.json`)).json()) as StatusSnapshot;

    before(async () => {
        await requireService("postgres", "redis", "opensearch", "moto");
        sandbox = spawnSandbox(stateDir);
        endpoints = await waitUntilReady(sandbox, stateDir, 300_000);
        process.env.SANDBOX_DIR = stateDir;
    });

    after(async () => {
        delete process.env.SANDBOX_DIR;
        if (sandbox?.child.exitCode === null) {
            sandbox.child.kill("SIGKILL");
        }
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    it("prints every pipeline, function and trigger, and what it does not emulate", () => {
        const output = sandbox.output();
        for (const line of [
            "pipeline shop",
            "pipeline csv",
            "function csv-loader-fn",
            "bucket notification: s3://dev-csv-bucket/data/*.csv",
        ]) {
            expect(output).to.include(line);
        }
        expect(output).to.match(
            /stream mapping: dynamodb .*batch 100, window 1s, retries 10, bisect, partial batch responses, then the failure queue/,
        );
        expect(output).to.match(/schedule: rule shop-schedule: rate\(5 minutes\)/);
        expect(output).to.match(/REST API method: GET \/api\/shop-api\/v1\/cache \(API key; requires id\)/);
        expect(output).to.include("not emulated:");
        // Only the warehouse runner may lack stand-ins: Redshift (its workgroup, its COPY role) is not
        // emulated. A warning belongs to the function line above it.
        const lines = output.split("\n");
        const runnerVariables = ["WAREHOUSE_WORKGROUP", "WAREHOUSE_DATABASE", "PROCESSED_ROOT", "COPY_ROLE_ARN"];
        lines.forEach((line, index) => {
            const warning = /warning: no local stand-in for (.*)$/.exec(line);
            if (!warning) return;
            const owner = lines.slice(0, index).reverse().find(above => /^ {4}function /.test(above));
            expect(owner, line).to.match(/function \S*warehouse-runner/);
            expect(runnerVariables, line).to.include.members(warning[1].split(", "));
        });
        expect(output).not.to.include("its runtime is Node");
        expect(endpoints.apiKey).to.match(/^[0-9a-f]{40}$/);
        expect(endpoints.databaseDsn).to.match(/^postgresql:\/\/.*sslmode=verify-full/);
    });

    it("refuses a second start while one runs (exit 2)", async () => {
        const second = spawnSandbox(stateDir);
        expect(await second.exited).to.equal(2);
        expect(second.output()).to.include("already running");
    });

    it("passes every demo step", async () => {
        results = await runDemo(() => undefined, runId);
        expect(
            results.filter(r => !r.ok),
            JSON.stringify(results, null, 1),
        ).to.deep.equal([]);
        expect(results).to.have.length.greaterThan(8);
    });

    it("answers as API Gateway would: missing parameter 400, unknown key 403, over the burst 429", async () => {
        const call = (route: string, key = endpoints.apiKey!) => fetch(`${endpoints.apiUrl}${route}`, { headers: { "x-api-key": key } });
        const missing = await call("/cache");
        expect([missing.status, await missing.json()]).to.deep.equal([400, { message: "Missing required request parameters: [id]" }]);
        expect((await call("/search", "not-a-key")).status).to.equal(403);
        const statuses = await Promise.all(Array.from({ length: 40 }, () => call("/search?size=0").then(r => r.status)));
        expect(statuses).to.include(429);
        expect(statuses).to.include(200);
    });

    it("left the demo's outcomes in the services themselves", async () => {
        const db = new Client({ connectionString: endpoints.databaseDsn });
        await db.connect();
        try {
            const { rows } = await db.query(`SELECT id::int, email FROM "demo_customers_${runId}" ORDER BY id`);
            expect(rows).to.deep.equal([
                { id: 1, email: "ann@example.com" },
                { id: 2, email: "bob@example.com" },
                { id: 3, email: "cy@example.com" },
            ]);
        } finally {
            await db.end();
        }
        const s3 = new S3Client(s3ClientConfig());
        const bucket = endpoints.buckets[0].name;
        const rejects = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `rejected/demo_customers_${runId}/` }));
        expect(rejects.Contents).to.have.length(1);
        const reject = await (
            await s3.send(new GetObjectCommand({ Bucket: bucket, Key: rejects.Contents![0].Key }))
        ).Body!.transformToString();
        expect(reject).to.match(/^line,reason,record\r\n3,/);
        const openSearch = openSearchClient();
        try {
            const mirrored = await openSearch.get({ index: mirrorIndexName, id: `demo-${runId}` }, { ignore: [404] });
            expect(mirrored.body.found).to.equal(false);
        } finally {
            await openSearch.close();
        }
        const invoked = new Set((await status()).invocations.map(i => `${i.function} ${i.trigger.split(" ")[0]}`));
        for (const expected of [
            "csv-loader-fn s3",
            "shop-generator-fn schedule",
            "shop-search-fn GET",
            "shop-cache-fn GET",
            "shop-sync-fn dynamodb",
        ]) {
            expect([...invoked]).to.include(expected);
        }
    });

    it("shows pipelines, invocations, reject files and failure queues in a headless browser, refreshing by itself", async () => {
        const browser = await freshBrowser();
        try {
            const page = await browser.context.newPage();
            await page.goto(endpoints.statusUrl);
            expect(await page.locator("h3").allTextContents()).to.include.members(["shop", "csv"]);
            expect(await page.locator("body").textContent()).to.include(`rejected/demo_customers_${runId}/`);
            expect(await page.locator("body").textContent()).to.include("dev-csv-loader-failures");
            // Something new happens; the open page shows it without being reloaded by the test.
            await fetch(`${endpoints.apiUrl}/health`, { headers: { "x-api-key": endpoints.apiKey! } });
            await page.locator("#invocations td", { hasText: "GET /health" }).first().waitFor({ timeout: 10_000 });
            fs.mkdirSync(outputDir, { recursive: true });
            await page.screenshot({ path: path.join(outputDir, "sandbox-status.png"), fullPage: true });
            expect(fs.statSync(path.join(outputDir, "sandbox-status.png")).size).to.be.greaterThan(10_000);
        } finally {
            await browser.close();
        }
    });

    it("stops every process it started on SIGINT", async () => {
        const containers = (await status()).pipelines.flatMap(p => p.functions.map(f => f.pid)).filter((pid): pid is number => !!pid);
        expect(containers.length, "warm function containers").to.be.greaterThan(0);
        expect(processesNaming(endpoints.functionsDir)).to.have.length(containers.length);
        const started = [sandbox.child.pid!, ...containers];
        sandbox.child.kill("SIGINT");
        expect(await sandbox.exited).to.equal(0);
        expect(started.filter(pid => fs.existsSync(`/proc/${pid}`))).to.deep.equal([]);
        expect(processesNaming(endpoints.functionsDir)).to.deep.equal([]);
        expect(fs.existsSync(endpoints.functionsDir)).to.equal(false);
        expect(fs.existsSync(path.join(stateDir, "sandbox.pid"))).to.equal(false);
        await requireService("postgres", "redis", "opensearch", "moto"); // services it found running stay up
    });
});
