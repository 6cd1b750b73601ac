// Tier 4: the code Pulumi would upload for each StreamIngest function, loaded in a fresh process
// with only the packages its archive ships, invoked with real event shapes (API Gateway proxy
// events, the Kinesis event Lambda builds from GetRecords) against moto's Kinesis and DynamoDB.
import { expect } from "chai";
import type { APIGatewayProxyResult, KinesisStreamBatchResponse } from "aws-lambda";
import { StreamIngest } from "../../components/stream-ingest";
import type { TableNames } from "../../functions/stream-ingest/tables";
import { apiGatewayPathEvent, apiGatewayPostEvent } from "../fixtures/events/api-gateway-rest";
import { createStream, kinesisEvent, LocalStream, localKinesis, readStream } from "../fixtures/events/kinesis";
import { createTables, localDynamo, snapshot } from "../functions/stream-ingest/harness";
import { expectedCustomers, retailEvents } from "../functions/stream-ingest/retail-events";
import { mocked } from "../support/pulumi";
import { testPlatform } from "../support/platform";
import { invokeInFreshProcess, LambdaArchive, materialize } from "../support/serialized-lambda";
import { motoEnvironment, requireService, resetMoto } from "../support/services";

type FunctionName = keyof StreamIngest["functions"];

describe("StreamIngest functions as uploaded (tier 4)", function () {
    this.timeout(180_000);
    const archives = {} as Record<FunctionName, LambdaArchive>;
    let environment: Record<string, string>;
    let stream: LocalStream;
    let tables: TableNames;
    const dynamo = localDynamo();

    const invoke = async <R>(fn: FunctionName, event: unknown): Promise<R> => {
        const invocation = await invokeInFreshProcess<R>(archives[fn], event, environment);
        expect(invocation.error, JSON.stringify(invocation.error)).to.equal(undefined);
        return invocation.result!;
    };
    const api = async (fn: FunctionName, event: unknown) => {
        const result = await invoke<APIGatewayProxyResult>(fn, event);
        return { status: result.statusCode, body: JSON.parse(result.body) };
    };

    before(async () => {
        await requireService("moto");
        await resetMoto();
        await mocked();
        const { platform } = testPlatform("t4-ingest");
        const component = new StreamIngest("t4-ingest", { platform });
        for (const fn of Object.keys(component.functions) as FunctionName[]) {
            archives[fn] = await materialize(component.functions[fn]);
        }
        stream = await createStream(localKinesis(), "t4-ingest-events", 2);
        tables = await createTables(dynamo);
        // What the deployment would resolve, pointed at moto.
        environment = {
            STREAM_NAME: stream.name,
            INVOICE_TABLE: tables.invoices,
            CUSTOMER_TABLE: tables.customers,
            LEDGER_TABLE: tables.ledger,
            ...motoEnvironment(),
            POWERTOOLS_LOG_LEVEL: "SILENT",
        };
    });

    it("ships each function only the packages its code uses, and sets the resource names in its environment", () => {
        expect(archives.producer.packages).to.include.members(["@aws-sdk/client-kinesis", "ajv"]);
        expect(archives.producer.packages).not.to.include("@aws-sdk/client-dynamodb");
        expect(archives.consumer.packages).to.include.members(["@aws-sdk/client-dynamodb", "@aws-lambda-powertools/batch", "ajv"]);
        expect(archives.consumer.packages).not.to.include("@aws-sdk/client-kinesis");
        expect(archives.customerReader.packages).not.to.include.members(["ajv", "@aws-sdk/client-kinesis"]);
        for (const fn of Object.keys(archives) as FunctionName[]) {
            expect(archives[fn].packages).not.to.include.members(["pg", "redis", "@opensearch-project/opensearch", "@pulumi/pulumi"]);
        }
        expect(archives.producer.environment).to.have.property("STREAM_NAME");
        expect(archives.consumer.environment).to.include.keys("INVOICE_TABLE", "CUSTOMER_TABLE", "LEDGER_TABLE");
        expect(archives.customerReader.environment).to.include.keys("CUSTOMER_TABLE");
        expect(archives.customerReader.environment).not.to.have.any.keys("INVOICE_TABLE", "LEDGER_TABLE", "STREAM_NAME");
        expect(archives.invoiceReader.environment).to.include.keys("INVOICE_TABLE");
        expect(archives.invoiceReader.environment).not.to.have.any.keys("CUSTOMER_TABLE", "LEDGER_TABLE", "STREAM_NAME");
    });

    it("takes a POST /events batch onto the stream and answers per event; refuses a body that is not JSON", async () => {
        const mixed = [...retailEvents, { ...retailEvents[0], Quantity: "lots" }];
        const response = await api("producer", apiGatewayPostEvent("/events", JSON.stringify({ events: mixed })));
        expect(response.status).to.equal(207);
        expect(response.body).to.include({ accepted: retailEvents.length, rejected: 1 });
        expect(response.body.results[retailEvents.length].errors).to.deep.equal([{ field: "Quantity", reason: "must be integer" }]);
        expect((await api("producer", apiGatewayPostEvent("/events", "not json"))).status).to.equal(400);
        expect(await readStream(localKinesis(), stream)).to.have.length(retailEvents.length);
    });

    it("consumes the Kinesis event Lambda builds, and a redelivery leaves the tables unchanged", async () => {
        const event = kinesisEvent(await readStream(localKinesis(), stream));
        expect(await invoke<KinesisStreamBatchResponse>("consumer", event)).to.deep.equal({ batchItemFailures: [] });
        const once = await snapshot(dynamo, tables);
        expect(once.invoices).to.have.length(retailEvents.length);
        expect(await invoke<KinesisStreamBatchResponse>("consumer", kinesisEvent([...event.Records].reverse()))).to.deep.equal({
            batchItemFailures: [],
        });
        expect(await snapshot(dynamo, tables)).to.deep.equal(once);
    });

    it("reads customers and invoices by path, with 404 and 400", async () => {
        const want = expectedCustomers(retailEvents).find(customer => customer.customerId === "12583")!;
        const customer = await api("customerReader", apiGatewayPathEvent("/customers/{customerId}", { customerId: "12583" }));
        expect(customer.status).to.equal(200);
        expect(customer.body).to.deep.include(want);
        expect((await api("customerReader", apiGatewayPathEvent("/customers/{customerId}", { customerId: "1" }))).status).to.equal(404);
        expect((await api("customerReader", apiGatewayPathEvent("/customers/{customerId}", { customerId: "NA" }))).status).to.equal(400);
        const invoice = await api("invoiceReader", apiGatewayPathEvent("/invoices/{invoiceNo}", { invoiceNo: "536365" }));
        expect(invoice.status).to.equal(200);
        expect(invoice.body.lines).to.have.length(retailEvents.filter(line => line.InvoiceNo === "536365").length);
        expect((await api("invoiceReader", apiGatewayPathEvent("/invoices/{invoiceNo}", { invoiceNo: "x" }))).status).to.equal(400);
    });
});
