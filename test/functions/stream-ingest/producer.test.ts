// Tier 3: POST /events against moto's Kinesis. Partial PutRecords failures are injected into a real
// client's middleware (moto never fails entries): the failed entries, and only they, are re-sent.
import { expect } from "chai";
import type { KinesisClient, PutRecordsCommandInput, PutRecordsCommandOutput, PutRecordsResultEntry } from "@aws-sdk/client-kinesis";
import { handleEvents, EventsResponse } from "../../../functions/stream-ingest/producer-handler";
import { decodeEnvelope } from "../../../functions/stream-ingest/stream-envelope";
import { createStream, LocalStream, localKinesis, readStream } from "../../fixtures/events/kinesis";
import { requireService, resetMoto } from "../../support/services";
import { event, fastRetry, postEvents, producerDeps, producerSettings } from "./harness";

type Failing = (call: number, position: number) => boolean;

/** A real client whose PutRecords calls fail the entries `failing` picks, as Kinesis does under throttling. */
function throttledKinesis(failing: Failing, sent: string[][]): KinesisClient {
    const kinesis = localKinesis();
    kinesis.middlewareStack.add(
        (next, context) => async args => {
            if (context.commandName !== "PutRecordsCommand") {
                return next(args);
            }
            const input = args.input as PutRecordsCommandInput;
            const call = sent.length;
            sent.push(input.Records!.map(record => Buffer.from(record.Data!).toString("utf8")));
            const failed = input.Records!.map((_, position) => failing(call, position));
            const result = await next({ ...args, input: { ...input, Records: input.Records!.filter((_, position) => !failed[position]) } });
            const output = result.output as PutRecordsCommandOutput;
            const delivered = [...(output.Records ?? [])];
            const records: PutRecordsResultEntry[] = failed.map(fails =>
                fails
                    ? { ErrorCode: "ProvisionedThroughputExceededException", ErrorMessage: "Rate exceeded for shard" }
                    : delivered.shift()!,
            );
            return { ...result, output: { ...output, FailedRecordCount: failed.filter(Boolean).length, Records: records } };
        },
        { step: "initialize", name: "injectThrottledEntries" },
    );
    return kinesis;
}

describe("StreamIngest producer (tier 3: POST /events into moto Kinesis)", function () {
    this.timeout(120_000);
    let stream: LocalStream;
    let streamCount = 0;

    const post = async (kinesis: KinesisClient, body: string) => {
        const response = await handleEvents(producerDeps(kinesis, stream.name), producerSettings, postEvents(body));
        return {
            statusCode: response.statusCode,
            body: JSON.parse(response.body) as EventsResponse & { error?: string; message?: string },
        };
    };
    const onStream = async () =>
        (await readStream(localKinesis(), stream)).map(record => decodeEnvelope(Buffer.from(record.kinesis.data, "base64")));

    before(async () => {
        await requireService("moto");
        await resetMoto();
    });

    beforeEach(async () => {
        stream = await createStream(localKinesis(), `producer-${++streamCount}`, 2);
    });

    it("accepts one event or a batch and answers per event with its id; the invoice number is the partition key", async () => {
        const single = await post(localKinesis(), JSON.stringify(event({ InvoiceNo: "536365" })));
        expect(single.statusCode).to.equal(200);
        expect(single.body.results).to.have.length(1);
        const batch = await post(
            localKinesis(),
            JSON.stringify({ events: [event(), event({ CustomerID: null }), event({ CustomerID: "12583" })] }),
        );
        expect(batch.statusCode).to.equal(200);
        expect(batch.body).to.include({ accepted: 3, rejected: 0, failed: 0 });
        const records = await readStream(localKinesis(), stream);
        expect(records).to.have.length(4);
        expect(records.some(record => record.kinesis.partitionKey === "536365")).to.equal(true);
        const ids = [...single.body.results, ...batch.body.results].map(answer => (answer as { eventId: string }).eventId).sort();
        expect((await onStream()).map(envelope => (envelope as { eventId: string }).eventId).sort()).to.deep.equal(ids);
    });

    it("re-sends only the entries Kinesis failed, with backoff, until all are on the stream once", async () => {
        const sent: string[][] = [];
        const kinesis = throttledKinesis((call, position) => call === 0 && position % 3 === 1, sent);
        const events = Array.from({ length: 30 }, () => event());
        const response = await post(kinesis, JSON.stringify({ events }));
        expect(response.statusCode).to.equal(200);
        expect(response.body).to.include({ accepted: 30, failed: 0 });
        expect(sent).to.have.length(2);
        expect(sent[1]).to.deep.equal(sent[0].filter((_, position) => position % 3 === 1));
        const envelopes = await onStream();
        expect(envelopes).to.have.length(30);
        expect(new Set(envelopes.map(envelope => (envelope as { eventId: string }).eventId)).size).to.equal(30);
    });

    it("answers failed for entries Kinesis keeps refusing, accepts the rest, and stops after the retry budget", async () => {
        const sent: string[][] = [];
        const events = Array.from({ length: 5 }, () => event());
        const response = await post(
            throttledKinesis((_, position) => position === 0, sent),
            JSON.stringify({ events }),
        );
        expect(response.statusCode).to.equal(207);
        expect(response.body).to.include({ accepted: 4, failed: 1 });
        expect(response.body.results[0]).to.include({ status: "failed" });
        expect(response.body.results[0])
            .to.have.property("reason")
            .that.matches(/ProvisionedThroughputExceeded/);
        expect(sent).to.have.length(fastRetry.maxAttempts);
        expect(sent.slice(1).every(call => call.length === 1)).to.equal(true);
        expect(await onStream()).to.have.length(4);
    });

    it("rejects hostile events one by one with field and reason, and none reaches the stream", async () => {
        const hostile: [Record<string, unknown>, string][] = [
            [event({ Quantity: "6" }), "Quantity"],
            [event({ Quantity: 1.5 }), "Quantity"],
            [event({ UnitPrice: "2.55" }), "UnitPrice"],
            [event({ UnitPrice: 2.5555 }), "UnitPrice"],
            [event({ InvoiceNo: 536365 }), "InvoiceNo"],
            [event({ InvoiceNo: "536365; DROP TABLE" }), "InvoiceNo"],
            [event({ CustomerID: "NA" }), "CustomerID"],
            [event({ CustomerID: true }), "CustomerID"],
            [event({ Description: "x".repeat(100_000) }), "Description"],
            [event({ StockCode: "8".repeat(1000) }), "StockCode"],
            [{ ...event(), Discount: 0.1 }, "Discount"],
            [JSON.parse(`{"__proto__": {"admin": true}, ${JSON.stringify(event()).slice(1)}`), "__proto__"],
            [event({ InvoiceDate: "2/30/2011 10:00" }), "InvoiceDate"],
            [event({ InvoiceDate: "13/1/2010 8:26" }), "InvoiceDate"],
            [event({ InvoiceDate: "12/1/2010 25:00" }), "InvoiceDate"],
            [event({ InvoiceDate: "yesterday" }), "InvoiceDate"],
            [{ ...event(), Country: undefined }, "Country"],
            [event({ EventId: "../../etc" }), "EventId"],
        ];
        const response = await post(localKinesis(), JSON.stringify({ events: hostile.map(([candidate]) => candidate) }));
        expect(response.statusCode).to.equal(400);
        expect(response.body).to.include({ accepted: 0, rejected: hostile.length });
        response.body.results.forEach((answer, index) => {
            expect(answer, `event ${index}`).to.include({ index, status: "rejected" });
            const errors = (answer as { errors: { field: string; reason: string }[] }).errors;
            expect(
                errors.map(error => error.field),
                `event ${index}`,
            ).to.include(hostile[index][1]);
            errors.forEach(error => expect(error.reason).to.be.a("string").and.not.equal(""));
        });
        expect(await onStream()).to.deep.equal([]);
    });

    it("puts the good events of a mixed batch and answers 207", async () => {
        const response = await post(
            localKinesis(),
            JSON.stringify({ events: [event(), event({ InvoiceDate: "2/29/2011 9:00" }), event()] }),
        );
        expect(response.statusCode).to.equal(207);
        expect(response.body.results.map(answer => answer.status)).to.deep.equal(["accepted", "rejected", "accepted"]);
        expect(await onStream()).to.have.length(2);
    });

    it("refuses whole requests that are not JSON, too many events, too large or of the wrong shape", async () => {
        const refused: [string, number][] = [
            ["{not json", 400],
            ["", 400],
            [JSON.stringify({ events: Array.from({ length: 501 }, () => event()) }), 400],
            [JSON.stringify({ events: [] }), 400],
            [JSON.stringify([event()]), 400],
            [JSON.stringify({ events: [event()], extra: true }), 400],
            [JSON.stringify("text"), 400],
            [JSON.stringify({ events: [event({ Description: "y".repeat(2 * 1024 * 1024) })] }), 413],
        ];
        for (const [body, statusCode] of refused) {
            const response = await post(localKinesis(), body);
            expect(response.statusCode, body.slice(0, 40)).to.equal(statusCode);
            expect(response.body.message).to.be.a("string");
        }
        expect(await onStream()).to.deep.equal([]);
    });
});
