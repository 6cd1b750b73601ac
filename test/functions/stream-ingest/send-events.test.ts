// Tier 3: the send-events client. Its CSV reading (Latin-1 and UTF-8) on the generated sample, and
// the CLI against a loopback HTTP front of the producer (API key checked) writing to moto's Kinesis.
import { expect } from "chai";
import { execFile } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { createServer, Server } from "http";
import type { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { handleEvents } from "../../../functions/stream-ingest/producer-handler";
import { csvEvents } from "../../../scripts/send-events/csv-events";
import { generateSample } from "../../../scripts/send-events/generate-sample";
import { createStream, LocalStream, localKinesis, readStream } from "../../fixtures/events/kinesis";
import { REPO_ROOT, requireService, resetMoto } from "../../support/services";
import { producerDeps, producerSettings } from "./harness";

const samplePath = path.join(REPO_ROOT, "test", "fixtures", "online-retail", "sample.csv");
const withoutIds = (events: Record<string, unknown>[]) => events.map(({ EventId: _id, ...event }) => event);

describe("send-events (tier 3: CSV client against the producer on loopback and moto Kinesis)", function () {
    this.timeout(180_000);

    it("ships the sample the committed generator writes, with the real data's quirks", () => {
        const latin1 = readFileSync(samplePath);
        expect(Buffer.from(generateSample(3000), "latin1").equals(latin1)).to.equal(true);
        const { events, encoding } = csvEvents(latin1);
        expect(encoding).to.equal("latin1");
        expect(events).to.have.length(3000);
        expect(events.some(event => String(event.InvoiceNo).startsWith("C") && Number(event.Quantity) < 0)).to.equal(true);
        expect(events.some(event => !String(event.InvoiceNo).startsWith("C") && Number(event.Quantity) < 0)).to.equal(true);
        expect(events.some(event => event.CustomerID === null)).to.equal(true);
        expect(events.some(event => /[^\x00-\x7f]/.test(String(event.Description)))).to.equal(true);
        expect(events.every(event => /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}$/.test(String(event.InvoiceDate)))).to.equal(true);
        const lineKeys = events.map(event => `${event.InvoiceNo}/${event.StockCode}`);
        expect(new Set(lineKeys).size).to.be.below(lineKeys.length);
    });

    it("reads the same events from the Latin-1 file and its UTF-8 copy", () => {
        const latin1 = readFileSync(samplePath);
        const utf8 = Buffer.from(latin1.toString("latin1"), "utf8");
        const fromUtf8 = csvEvents(utf8);
        expect(fromUtf8.encoding).to.equal("utf8");
        expect(withoutIds(fromUtf8.events)).to.deep.equal(withoutIds(csvEvents(latin1).events));
        expect(fromUtf8.events.map(event => event.Description)).to.include("CAFÉ AU LAIT MUG");
    });

    describe("against the API", () => {
        let server: Server;
        let url: string;
        let stream: LocalStream;
        const key = "local-test-key";

        before(async () => {
            await requireService("moto");
            await resetMoto();
            stream = await createStream(localKinesis(), "send-events", 2);
            const deps = producerDeps(localKinesis(), stream.name);
            server = createServer((request, response) => {
                const chunks: Buffer[] = [];
                request.on("data", chunk => chunks.push(chunk));
                request.on("end", async () => {
                    if (request.headers["x-api-key"] !== key) {
                        response.writeHead(403).end(JSON.stringify({ message: "Forbidden" }));
                        return;
                    }
                    const result = await handleEvents(deps, producerSettings, {
                        body: Buffer.concat(chunks).toString("utf8"),
                        isBase64Encoded: false,
                    });
                    response.writeHead(result.statusCode, result.headers as Record<string, string>).end(result.body);
                });
            });
            await new Promise<void>(resolve => server.listen(0, "127.0.0.1", resolve));
            url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        });

        after(() => new Promise<void>(resolve => server.close(() => resolve())));

        it("sends every row in batches, counts accepted and rejected, and a second run lands on the same event ids", async () => {
            const broken = path.join(os.tmpdir(), `send-events-${process.pid}.csv`);
            const sample = readFileSync(samplePath).toString("latin1").split("\r\n");
            sample.splice(5, 0, "536999,85123A,BROKEN ROW,many,12/1/2010 8:26,2.55,17850,United Kingdom");
            writeFileSync(broken, Buffer.from(sample.join("\r\n"), "latin1"));
            const run = () =>
                promisify(execFile)(
                    process.execPath,
                    [
                        "-r",
                        "ts-node/register/transpile-only",
                        "scripts/send-events/send-events.ts",
                        broken,
                        "--api",
                        url,
                        "--key",
                        key,
                        "--batch",
                        "400",
                        "--rate",
                        "50000/s",
                    ],
                    { cwd: REPO_ROOT, timeout: 120_000 },
                );
            const { stdout } = await run();
            expect(stdout).to.contain("accepted 3000 rejected 1 failed 0");
            expect(stdout).to.match(/line 6: rejected: Quantity must be integer/);
            const records = await readStream(localKinesis(), stream);
            expect(records).to.have.length(3000);
            await run();
            const ids = (await readStream(localKinesis(), stream)).map(
                record => JSON.parse(Buffer.from(record.kinesis.data, "base64").toString("utf8")).eventId as string,
            );
            expect(ids).to.have.length(6000);
            expect(new Set(ids).size).to.equal(3000);
        });

        it("fails with a clear message when the key is wrong", async () => {
            const failure = await promisify(execFile)(
                process.execPath,
                ["-r", "ts-node/register/transpile-only", "scripts/send-events/send-events.ts", samplePath, "--api", url, "--key", "wrong"],
                { cwd: REPO_ROOT, timeout: 60_000 },
            ).catch((error: { code: number; stderr: string }) => error);
            expect(failure).to.include({ code: 2 });
            expect((failure as { stderr: string }).stderr).to.match(/the API refused the request: HTTP 403/);
        });
    });
});
