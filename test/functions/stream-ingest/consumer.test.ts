// Tier 3: events go through the producer into moto's Kinesis, are read back with GetRecords as the
// exact event Lambda builds, and the consumer writes them into moto's DynamoDB.
import { expect } from "chai";
import { GetItemCommand, type DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { KinesisStreamRecord } from "aws-lambda";
import { consumeBatch, writeBatch } from "../../../functions/stream-ingest/consumer-handler";
import { handleEvents } from "../../../functions/stream-ingest/producer-handler";
import type { TableNames } from "../../../functions/stream-ingest/tables";
import { createStream, kinesisEvent, LocalStream, localKinesis, readStream } from "../../fixtures/events/kinesis";
import { requireService, resetMoto } from "../../support/services";
import { consumerDeps, createTables, event, fastRetry, localDynamo, postEvents, producerDeps, producerSettings, snapshot } from "./harness";
import { expectedCustomers, retailEvents } from "./retail-events";

describe("StreamIngest consumer (tier 3: producer -> moto Kinesis -> consumer -> moto DynamoDB)", function () {
    this.timeout(120_000);
    let kinesis: KinesisClient;
    let dynamo: DynamoDBClient;
    let stream: LocalStream;
    let tables: TableNames;
    let streamCount = 0;

    const produce = async (events: unknown[]) => {
        const response = await handleEvents(producerDeps(kinesis, stream.name), producerSettings, postEvents(JSON.stringify({ events })));
        expect(response.statusCode, response.body).to.equal(200);
    };
    const consume = (records: KinesisStreamRecord[]) =>
        consumeBatch(consumerDeps(dynamo, tables), { retry: fastRetry }, kinesisEvent(records));
    const customer = async (customerId: string) =>
        unmarshall((await dynamo.send(new GetItemCommand({ TableName: tables.customers, Key: { customerId: { S: customerId } } }))).Item!);

    before(async () => {
        await requireService("moto");
        await resetMoto();
        kinesis = localKinesis();
        dynamo = localDynamo();
    });

    beforeEach(async () => {
        stream = await createStream(kinesis, `events-${++streamCount}`, 2);
        tables = await createTables(dynamo);
    });

    it("writes one line per event and customer aggregates net of cancellations, without touching customers for anonymous lines", async () => {
        await produce(retailEvents);
        const records = await readStream(kinesis, stream);
        expect(records).to.have.length(retailEvents.length);
        expect(records.map(record => record.kinesis.partitionKey).sort()).to.deep.equal(retailEvents.map(e => String(e.InvoiceNo)).sort());

        expect(await consume(records)).to.deep.equal({ batchItemFailures: [] });

        const state = await snapshot(dynamo, tables);
        expect(state.invoices).to.have.length(retailEvents.length);
        const repeated = state.invoices
            .map(item => JSON.parse(item))
            .filter(item => item.invoiceNo.S === "536365" && item.stockCode.S === "85123A");
        expect(repeated.map(item => item.quantity.N).sort()).to.deep.equal(["2", "6"]);
        const cancellation = state.invoices.map(item => JSON.parse(item)).find(item => item.invoiceNo.S === "C536379");
        expect(cancellation).to.deep.include({ cancelled: { BOOL: true }, quantity: { N: "-1" } });
        const anonymous = state.invoices.map(item => JSON.parse(item)).filter(item => item.customerId === undefined);
        expect(anonymous).to.have.length(retailEvents.filter(e => e.CustomerID === null || e.CustomerID === undefined).length);

        const expected = expectedCustomers(retailEvents);
        expect(state.customers).to.have.length(expected.length);
        for (const want of expected) {
            const got = await customer(want.customerId);
            expect(got, want.customerId).to.deep.include(want);
            expect(got).to.not.have.property("NA");
        }
    });

    it("fails a poison record in mid-batch alone, and applies the records around it", async () => {
        await produce(retailEvents.slice(0, 6));
        const records = await readStream(kinesis, stream);
        const notJson = structuredClone(records[2]);
        notJson.kinesis.data = Buffer.from("{not json").toString("base64");
        notJson.kinesis.sequenceNumber = `${records[2].kinesis.sequenceNumber}9`;
        const invalid = structuredClone(records[4]);
        const envelope = JSON.parse(Buffer.from(invalid.kinesis.data, "base64").toString("utf8"));
        envelope.event.Quantity = "six";
        invalid.kinesis.data = Buffer.from(JSON.stringify(envelope)).toString("base64");
        invalid.kinesis.sequenceNumber = `${records[4].kinesis.sequenceNumber}9`;
        const batch = [...records.slice(0, 3), notJson, ...records.slice(3, 5), invalid, ...records.slice(5)];

        const response = await consume(batch);
        expect(response.batchItemFailures).to.deep.equal([
            { itemIdentifier: notJson.kinesis.sequenceNumber },
            { itemIdentifier: invalid.kinesis.sequenceNumber },
        ]);
        const state = await snapshot(dynamo, tables);
        expect(state.invoices).to.have.length(records.length);
    });

    it("leaves all three tables identical however batches are replayed, split and reordered", async () => {
        await produce(retailEvents);
        const records = await readStream(kinesis, stream);
        expect(await consume(records)).to.deep.equal({ batchItemFailures: [] });
        const once = await snapshot(dynamo, tables);

        const deliveries: KinesisStreamRecord[][][] = [
            [records, records],
            [[...records].reverse()],
            [records.slice(6), records.slice(0, 8), records.slice(3)],
            [[...records, ...records].sort((a, b) => a.kinesis.data.localeCompare(b.kinesis.data))],
            records.map(record => [record]).reverse(),
        ];
        for (const delivery of deliveries) {
            tables = await createTables(dynamo);
            for (const batch of delivery) {
                expect(await consume(batch)).to.deep.equal({ batchItemFailures: [] });
            }
            expect(await snapshot(dynamo, tables)).to.deep.equal(once);
        }
    });

    it("groups over 25 lines per batch write and 45 lines per customer transaction, and reports the write requests", async () => {
        const many = Array.from({ length: 120 }, (_, index) =>
            event({ InvoiceNo: String(540000 + (index % 7)), CustomerID: 12345 + (index % 2), Quantity: index + 1 }),
        );
        await produce(many);
        const records = await readStream(kinesis, stream);
        const outcome = await writeBatch(consumerDeps(dynamo, tables), { retry: fastRetry }, records);
        expect(outcome.failures.size).to.equal(0);
        // 120 lines in 5 batch writes; per customer (60 lines each): 2 transactions and 2 date updates.
        expect(outcome.writeRequests).to.equal(Math.ceil(120 / 25) + 2 * (Math.ceil(60 / 45) + 2));
        const expected = expectedCustomers(many);
        for (const want of expected) {
            expect(await customer(want.customerId)).to.deep.include(want);
        }
    });
});
