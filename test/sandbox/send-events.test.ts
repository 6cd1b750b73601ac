// send-events against the sandbox (`npm start`): a slice of the shipped Online Retail sample, with
// three rows the schema refuses, goes through the events API (key, usage plan, the producer's real
// code), the Kinesis stream in moto and the consumer's stream mapping into the DynamoDB tables; the
// sandbox's read API then answers what an independent fold of the same rows says it must.
import { expect } from "chai";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import type { Endpoints } from "../../scripts/sandbox/report";
import { csvEvents } from "../../scripts/send-events/csv-events";
import { eventsRoute } from "../../scripts/send-events/sandbox-target";
import { localKinesis } from "../fixtures/events/kinesis";
import { localDynamo, snapshot } from "../functions/stream-ingest/harness";
import { expectedCustomers } from "../functions/stream-ingest/retail-events";
import { REPO_ROOT, requireService, resetMoto } from "../support/services";
import { SandboxProcess, spawnSandbox, waitUntilReady } from "./sandbox-process";

const sendEvents = path.join(REPO_ROOT, "scripts", "send-events", "send-events.ts");
const samplePath = path.join(REPO_ROOT, "test", "fixtures", "online-retail", "sample.csv");
const sliceRows = 600;
/** Rows the schema refuses, each for one field: the CSV line and the field the answer must name. */
const badRows = [
    { row: "536999,85123A,BAD QUANTITY,lots,12/1/2010 9:00,2.55,17850,United Kingdom", field: "Quantity" },
    { row: "536999,85123A,BAD DATE,1,2/30/2010 9:00,2.55,17850,United Kingdom", field: "InvoiceDate" },
    { row: "536999,85123A,PLACEHOLDER CUSTOMER,1,12/1/2010 9:00,2.55,NA,United Kingdom", field: "CustomerID" },
];
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

interface Counts {
    accepted: number;
    rejected: number;
    failed: number;
    output: string;
}

async function runSendEvents(args: string[], stateDir: string): Promise<Counts> {
    const { stdout } = await promisify(execFile)(process.execPath, ["-r", "ts-node/register/transpile-only", sendEvents, ...args], {
        cwd: REPO_ROOT,
        env: { ...process.env, SANDBOX_DIR: stateDir },
    });
    const counts = /accepted (\d+) rejected (\d+) failed (\d+)/.exec(stdout);
    expect(counts, stdout).not.to.equal(null);
    return { accepted: Number(counts![1]), rejected: Number(counts![2]), failed: Number(counts![3]), output: stdout };
}

async function waitFor(what: string, timeoutMs: number, done: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await done())) {
        if (Date.now() > deadline) {
            throw new Error(`timed out waiting for ${what}`);
        }
        await sleep(500);
    }
}

describe("send-events against the sandbox (npm start)", function () {
    this.timeout(600_000);
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-send-events-"));
    const slicePath = path.join(stateDir, "sample-slice.csv");
    const dynamo = localDynamo();
    let sandbox: SandboxProcess;
    let endpoints: Endpoints;
    let api: { url: string; key: string };
    let tables: { invoices: string; customers: string; ledger: string };
    let accepted: Record<string, unknown>[];

    /** GET on the events API, waiting out the usage plan's throttle as a client would. */
    const get = async (route: string): Promise<{ status: number; body: Record<string, unknown> }> => {
        for (;;) {
            const response = await fetch(`${api.url}${route}`, { headers: { "x-api-key": api.key } });
            if (response.status !== 429) {
                return { status: response.status, body: (await response.json()) as Record<string, unknown> };
            }
            await sleep(200);
        }
    };
    const itemCount = async (table: string) => (await snapshot(dynamo, { table })).table.length;

    before(async () => {
        await requireService("postgres", "redis", "opensearch", "moto");
        await resetMoto(); // the tables start empty, whatever ran before
        // The slice keeps the sample's bytes (Latin-1) and appends the refused rows.
        const text = fs.readFileSync(samplePath, "latin1");
        const newline = text.includes("\r\n") ? "\r\n" : "\n";
        const lines = text.split(newline);
        const slice = [...lines.slice(0, sliceRows + 1), ...badRows.map(bad => bad.row)].join(newline) + newline;
        fs.writeFileSync(slicePath, Buffer.from(slice, "latin1"));
        accepted = csvEvents(fs.readFileSync(slicePath)).events.slice(0, sliceRows);

        sandbox = spawnSandbox(stateDir);
        endpoints = await waitUntilReady(sandbox, stateDir, 300_000);
        const events = endpoints.apis.find(candidate => candidate.routes.includes(eventsRoute));
        expect(events, JSON.stringify(endpoints.apis)).not.to.equal(undefined);
        api = { url: events!.url, key: events!.apiKey! };
        const local = (resource: string) => endpoints.tables.find(table => table.resource === resource)!.name;
        tables = { invoices: local("events-invoice"), customers: local("events-customer"), ledger: local("events-ledger") };
    });

    after(async () => {
        // Ctrl-C as a user would stop it; a sandbox that does not stop in time is killed.
        if (sandbox?.child.exitCode === null) {
            sandbox.child.kill("SIGINT");
            await Promise.race([sandbox.exited, sleep(30_000)]);
            if (sandbox.child.exitCode === null) {
                sandbox.child.kill("SIGKILL");
            }
        }
        fs.rmSync(stateDir, { recursive: true, force: true });
    });

    it("sends the slice through the sandbox's events API: every sample row accepted, each refused row rejected with its field", async () => {
        const sent = await runSendEvents([slicePath, "--sandbox", "--batch", "250"], stateDir);
        expect({ accepted: sent.accepted, rejected: sent.rejected, failed: sent.failed }).to.deep.equal({
            accepted: sliceRows,
            rejected: badRows.length,
            failed: 0,
        });
        badRows.forEach((bad, index) => expect(sent.output).to.match(new RegExp(`line ${sliceRows + 2 + index}: rejected: ${bad.field} `)));
        // The same file validated without the API gives the same verdicts.
        const local = await runSendEvents([slicePath], stateDir);
        expect([local.accepted, local.rejected]).to.deep.equal([sent.accepted, sent.rejected]);
    });

    it("lands every accepted row in the invoice table, and the customer aggregates the sample implies", async () => {
        const expected = expectedCustomers(accepted);
        await waitFor("the consumer to write every line and customer", 240_000, async () => {
            const customers = (await snapshot(dynamo, { customers: tables.customers })).customers;
            return (await itemCount(tables.invoices)) === sliceRows && customers.length === expected.length;
        });
        for (const customer of expected) {
            await waitFor(`customer ${customer.customerId}'s aggregates`, 60_000, async () => {
                const { status, body } = await get(`/customers/${customer.customerId}`);
                return status === 200 && body.lineCount === customer.lineCount;
            });
            const { body } = await get(`/customers/${customer.customerId}`);
            expect(body, customer.customerId).to.deep.include(customer);
        }
    });

    it("answers each invoice of the slice with its lines, descriptions as sent (Latin-1 included), and 404/400 as API Gateway's proxy would", async () => {
        const invoices = new Map<string, Record<string, unknown>[]>();
        accepted.forEach(event => invoices.set(String(event.InvoiceNo), [...(invoices.get(String(event.InvoiceNo)) ?? []), event]));
        for (const [invoiceNo, lines] of invoices) {
            const { status, body } = await get(`/invoices/${invoiceNo}`);
            expect(status, invoiceNo).to.equal(200);
            const milli = lines.reduce((sum, line) => sum + Number(line.Quantity) * Math.round(Number(line.UnitPrice) * 1000), 0);
            expect(body, invoiceNo).to.deep.include({
                invoiceNo,
                lineCount: lines.length,
                cancelled: invoiceNo.startsWith("C"),
                total: milli / 1000,
            });
            const descriptions = (body.lines as { description: string | null }[]).map(line => line.description ?? null).sort();
            expect(descriptions, invoiceNo).to.deep.equal(lines.map(line => line.Description as string | null).sort());
        }
        expect((await get("/invoices/999999")).status).to.equal(404);
        expect((await get("/customers/not-an-id")).status).to.equal(400);
    });

    it("replays the same file without changing a table (send-events with --api and --key)", async () => {
        const kinesis = localKinesis();
        const stream = endpoints.streams.find(candidate => candidate.resource === "events-stream")!;
        const summary = await kinesis.send(new DescribeStreamSummaryCommand({ StreamName: stream.name }));
        // One shard: records are consumed in the order they were put, so a last marker proves the replay consumed.
        expect(summary.StreamDescriptionSummary?.OpenShardCount).to.equal(1);
        const before = await snapshot(dynamo, tables);

        const replay = await runSendEvents([slicePath, "--api", api.url, "--key", api.key], stateDir);
        expect([replay.accepted, replay.rejected, replay.failed]).to.deep.equal([sliceRows, badRows.length, 0]);
        const marker = {
            InvoiceNo: "599999",
            StockCode: "POST",
            Description: "POSTAGE",
            Quantity: 1,
            InvoiceDate: "12/9/2011 12:50",
            UnitPrice: 18,
            CustomerID: null,
            Country: "France",
        };
        const put = await fetch(`${api.url}/events`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-api-key": api.key },
            body: JSON.stringify(marker),
        });
        expect(put.status).to.equal(200);
        await waitFor("the marker behind the replay", 240_000, async () => (await get(`/invoices/${marker.InvoiceNo}`)).status === 200);

        const after = await snapshot(dynamo, tables);
        expect(after.customers).to.deep.equal(before.customers);
        expect(after.ledger).to.deep.equal(before.ledger);
        expect(after.invoices.filter(item => !item.includes(`"${marker.InvoiceNo}"`))).to.deep.equal(before.invoices);
        expect(after.invoices).to.have.length(before.invoices.length + 1);
    });
});
