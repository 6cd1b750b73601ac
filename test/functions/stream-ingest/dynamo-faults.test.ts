// Tier 3: DynamoDB partial failures injected into a real client's middleware (moto never returns
// UnprocessedItems or transaction conflicts): only what was not applied is sent again, and the
// tables end as a clean run leaves them.
import { expect } from "chai";
import {
    BatchWriteItemCommandInput,
    BatchWriteItemCommandOutput,
    DynamoDBClient,
    TransactionCanceledException,
    TransactWriteItemsCommandInput,
} from "@aws-sdk/client-dynamodb";
import type { KinesisStreamRecord } from "aws-lambda";
import { consumeBatch } from "../../../functions/stream-ingest/consumer-handler";
import { handleEvents } from "../../../functions/stream-ingest/producer-handler";
import type { TableNames } from "../../../functions/stream-ingest/tables";
import { createStream, kinesisEvent, localKinesis, readStream } from "../../fixtures/events/kinesis";
import { requireService, resetMoto } from "../../support/services";
import { consumerDeps, createTables, event, fastRetry, localDynamo, postEvents, producerDeps, producerSettings, snapshot } from "./harness";

interface Faults {
    /** Items of the first BatchWriteItem call handed back as unprocessed. */
    unprocessed: number;
    /** Transactions answered with a conflict before one goes through. */
    conflicts: number;
}

function faultyDynamo(faults: Faults, log: { batchWrites: number[]; transactions: number }): DynamoDBClient {
    const dynamo = localDynamo();
    let conflicts = faults.conflicts;
    dynamo.middlewareStack.add(
        (next, context) => async args => {
            if (context.commandName === "TransactWriteItemsCommand") {
                log.transactions++;
                if (conflicts-- > 0) {
                    const items = (args.input as TransactWriteItemsCommandInput).TransactItems!;
                    throw new TransactionCanceledException({
                        message: "Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]",
                        $metadata: {},
                        CancellationReasons: items.map((_, index) => ({ Code: index === 0 ? "TransactionConflict" : "None" })),
                    });
                }
            }
            if (context.commandName !== "BatchWriteItemCommand") {
                return next(args);
            }
            const input = args.input as BatchWriteItemCommandInput;
            const [table, requests] = Object.entries(input.RequestItems!)[0];
            log.batchWrites.push(requests.length);
            if (log.batchWrites.length > 1 || faults.unprocessed === 0) {
                return next(args);
            }
            const kept = requests.slice(0, requests.length - faults.unprocessed);
            const result = await next({ ...args, input: { RequestItems: { [table]: kept } } });
            const output = result.output as BatchWriteItemCommandOutput;
            return { ...result, output: { ...output, UnprocessedItems: { [table]: requests.slice(kept.length) } } };
        },
        { step: "initialize", name: "injectDynamoFaults" },
    );
    return dynamo;
}

describe("StreamIngest consumer under DynamoDB partial failures (tier 3: moto)", function () {
    this.timeout(120_000);
    let records: KinesisStreamRecord[];
    let clean: Awaited<ReturnType<typeof snapshot>>;

    const run = async (dynamo: DynamoDBClient): Promise<{ tables: TableNames; failures: number }> => {
        const tables = await createTables(dynamo);
        const response = await consumeBatch(consumerDeps(dynamo, tables), { retry: fastRetry }, kinesisEvent(records));
        return { tables, failures: response.batchItemFailures.length };
    };

    before(async () => {
        await requireService("moto");
        await resetMoto();
        const stream = await createStream(localKinesis(), "faults", 1);
        const events = Array.from({ length: 20 }, (_, index) =>
            event({ InvoiceNo: String(550000 + (index % 4)), CustomerID: 15000 + (index % 3) }),
        );
        const response = await handleEvents(
            producerDeps(localKinesis(), stream.name),
            producerSettings,
            postEvents(JSON.stringify({ events })),
        );
        expect(response.statusCode).to.equal(200);
        records = await readStream(localKinesis(), stream);
        const dynamo = localDynamo();
        const { tables, failures } = await run(dynamo);
        expect(failures).to.equal(0);
        clean = await snapshot(dynamo, tables);
    });

    it("re-sends exactly the UnprocessedItems of a batch write", async () => {
        const log = { batchWrites: [] as number[], transactions: 0 };
        const dynamo = faultyDynamo({ unprocessed: 7, conflicts: 0 }, log);
        const { tables, failures } = await run(dynamo);
        expect(failures).to.equal(0);
        expect(log.batchWrites).to.deep.equal([20, 7]);
        expect(await snapshot(dynamo, tables)).to.deep.equal(clean);
    });

    it("retries a transaction that met a conflict, and counts nothing twice", async () => {
        const log = { batchWrites: [] as number[], transactions: 0 };
        const dynamo = faultyDynamo({ unprocessed: 0, conflicts: 2 }, log);
        const { tables, failures } = await run(dynamo);
        expect(failures).to.equal(0);
        expect(log.transactions).to.equal(3 + 2); // one per customer, plus the two refused
        expect(await snapshot(dynamo, tables)).to.deep.equal(clean);
    });

    it("fails the customer's records alone when conflicts outlast the retry budget", async () => {
        const log = { batchWrites: [] as number[], transactions: 0 };
        const dynamo = faultyDynamo({ unprocessed: 0, conflicts: fastRetry.maxAttempts }, log);
        const { failures } = await run(dynamo);
        const firstCustomerLines = 7; // customers 15000, 15001, 15002 hold 7, 7 and 6 of the 20 lines
        expect(failures).to.equal(firstCustomerLines);
    });
});
