// Tier 3: GET /customers/{customerId} and GET /invoices/{invoiceNo} against tables the consumer filled in moto.
import { expect } from "chai";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { consumeBatch } from "../../../functions/stream-ingest/consumer-handler";
import { handleEvents } from "../../../functions/stream-ingest/producer-handler";
import { handleGetCustomer, handleGetInvoice } from "../../../functions/stream-ingest/read-handlers";
import type { TableNames } from "../../../functions/stream-ingest/tables";
import { createStream, kinesisEvent, localKinesis, readStream } from "../../fixtures/events/kinesis";
import { requireService, resetMoto } from "../../support/services";
import { consumerDeps, createTables, fastRetry, localDynamo, postEvents, producerDeps, producerSettings } from "./harness";
import { expectedCustomers, retailEvents } from "./retail-events";

describe("StreamIngest read API (tier 3: moto DynamoDB)", function () {
    this.timeout(120_000);
    let dynamo: DynamoDBClient;
    let tables: TableNames;

    const get = async (handler: typeof handleGetCustomer | typeof handleGetInvoice, name: string, value: string | undefined) => {
        const response = await handler({ dynamo, tables }, { pathParameters: value === undefined ? null : { [name]: value } });
        return { statusCode: response.statusCode, body: JSON.parse(response.body) };
    };

    before(async () => {
        await requireService("moto");
        await resetMoto();
        dynamo = localDynamo();
        tables = await createTables(dynamo);
        const stream = await createStream(localKinesis(), "read-api", 1);
        await handleEvents(
            producerDeps(localKinesis(), stream.name),
            producerSettings,
            postEvents(JSON.stringify({ events: retailEvents })),
        );
        const response = await consumeBatch(
            consumerDeps(dynamo, tables),
            { retry: fastRetry },
            kinesisEvent(await readStream(localKinesis(), stream)),
        );
        expect(response.batchItemFailures).to.deep.equal([]);
    });

    it("answers a customer's profile and aggregates", async () => {
        const want = expectedCustomers(retailEvents).find(customer => customer.customerId === "17850")!;
        const response = await get(handleGetCustomer, "customerId", "17850");
        expect(response.statusCode).to.equal(200);
        expect(response.body).to.deep.include(want);
        expect(response.body).to.not.have.property("latestLine");
    });

    it("answers an invoice with its header and every line, repeated stock codes included", async () => {
        const lines = retailEvents.filter(line => line.InvoiceNo === "536365");
        const response = await get(handleGetInvoice, "invoiceNo", "536365");
        expect(response.statusCode).to.equal(200);
        expect(response.body).to.include({
            invoiceNo: "536365",
            cancelled: false,
            customerId: "17850",
            country: "United Kingdom",
            lineCount: lines.length,
        });
        expect(response.body.lines.map((line: { stockCode: string }) => line.stockCode).sort()).to.deep.equal(
            lines.map(line => line.StockCode).sort(),
        );
        const cancelled = await get(handleGetInvoice, "invoiceNo", "C536379");
        expect(cancelled.body).to.include({ cancelled: true });
        expect(cancelled.body.total).to.be.below(0);
    });

    it("answers 404 for unknown ids and 400 for malformed ones", async () => {
        expect((await get(handleGetCustomer, "customerId", "99999")).statusCode).to.equal(404);
        expect((await get(handleGetInvoice, "invoiceNo", "999999")).statusCode).to.equal(404);
        for (const bad of ["NA", "12 34", "1".repeat(13), "", "17850' OR '1'='1", undefined]) {
            expect((await get(handleGetCustomer, "customerId", bad)).statusCode, String(bad)).to.equal(400);
        }
        for (const bad of ["c536379", "536365/../x", "CC1", "", undefined]) {
            expect((await get(handleGetInvoice, "invoiceNo", bad)).statusCode, String(bad)).to.equal(400);
        }
    });
});
