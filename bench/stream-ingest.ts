// Benchmark of StreamIngest's data path against moto, on the generated Online Retail sample,
// each figure with its baseline from the same run (ratios carry over to AWS, moto's speed does not):
//   1. Kinesis calls per 1,000 accepted events: producer (validation + PutRecords of up to 500)
//      vs one PutRecord per event
//   2. DynamoDB write requests per 1,000 events: the replay-safe consumer vs a direct
//      BatchWriteItem loop of the same lines (no aggregates, not replay-safe) and vs one PutItem
//      plus one UpdateItem per event (the naive way to keep aggregates)
//   3. events/s through producer + consumer vs a direct PutRecords + BatchWriteItem loop
// Run: bash scripts/services/up.sh && npm run bench -- bench/stream-ingest.ts
import { readFileSync } from "fs";
import * as path from "path";
import { BatchWriteItemCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KinesisClient, PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { writeBatch } from "../functions/stream-ingest/consumer-handler";
import { createEventValidator, InvoiceLine } from "../functions/stream-ingest/event-schema";
import { lineItem } from "../functions/stream-ingest/line-writer";
import { handleEvents } from "../functions/stream-ingest/producer-handler";
import { csvEvents } from "../scripts/send-events/csv-events";
import { createStream, localKinesis, readStream } from "../test/fixtures/events/kinesis";
import {
    consumerDeps,
    createTables,
    fastRetry,
    localDynamo,
    producerDeps,
    producerSettings,
} from "../test/functions/stream-ingest/harness";
import { REPO_ROOT, requireService, resetMoto } from "../test/support/services";

const consumerBatch = 100; // the mapping's default batch size
/** Rounds (best is reported) and events per round: moto on a shared 2-core machine is slow. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
const eventCount = Number(process.env.BENCH_EVENTS ?? 1000);

function counted<C extends KinesisClient | DynamoDBClient>(client: C, counter: { calls: number }, commands: string[]): C {
    client.middlewareStack.add(
        (next, context) => async args => {
            if (commands.includes(context.commandName ?? "")) {
                counter.calls++;
            }
            return next(args);
        },
        { step: "initialize", name: "countCalls" },
    );
    return client;
}

const dynamoWrites = ["BatchWriteItemCommand", "TransactWriteItemsCommand", "UpdateItemCommand", "PutItemCommand"];
const perThousand = (calls: number, events: number) => ((calls / events) * 1000).toFixed(1);

async function pipelineRun(events: Record<string, unknown>[], round: number) {
    const kinesisCalls = { calls: 0 };
    const dynamoCalls = { calls: 0 };
    const stream = await createStream(localKinesis(), `bench-pipeline-${round}`, 2);
    const kinesis = counted(localKinesis(), kinesisCalls, ["PutRecordsCommand"]);
    const dynamo = counted(localDynamo(), dynamoCalls, dynamoWrites);
    const tables = await createTables(localDynamo());
    const started = Date.now();
    let accepted = 0;
    for (let start = 0; start < events.length; start += 500) {
        const response = await handleEvents(producerDeps(kinesis, stream.name), producerSettings, {
            body: JSON.stringify({ events: events.slice(start, start + 500) }),
            isBase64Encoded: false,
        });
        accepted += (JSON.parse(response.body) as { accepted: number }).accepted;
    }
    const producing = Date.now() - started;
    const records = await readStream(localKinesis(), stream); // Lambda's poller does this, not the pipeline
    const consuming = Date.now();
    for (let start = 0; start < records.length; start += consumerBatch) {
        const outcome = await writeBatch(consumerDeps(dynamo, tables), { retry: fastRetry }, records.slice(start, start + consumerBatch));
        if (outcome.failures.size > 0) {
            throw new Error(`${outcome.failures.size} records failed`);
        }
    }
    const seconds = (producing + Date.now() - consuming) / 1000;
    return {
        accepted,
        kinesisCalls: kinesisCalls.calls,
        dynamoCalls: dynamoCalls.calls,
        seconds,
    };
}

async function directRun(events: Record<string, unknown>[], lines: InvoiceLine[], round: number) {
    const kinesisCalls = { calls: 0 };
    const dynamoCalls = { calls: 0 };
    const stream = await createStream(localKinesis(), `bench-direct-${round}`, 2);
    const kinesis = counted(localKinesis(), kinesisCalls, ["PutRecordsCommand"]);
    const dynamo = counted(localDynamo(), dynamoCalls, dynamoWrites);
    const tables = await createTables(localDynamo());
    const started = Date.now();
    for (let start = 0; start < events.length; start += 500) {
        const chunk = events.slice(start, start + 500);
        await kinesis.send(
            new PutRecordsCommand({
                StreamName: stream.name,
                Records: chunk.map(event => ({ Data: Buffer.from(JSON.stringify(event)), PartitionKey: String(event.InvoiceNo) })),
            }),
        );
    }
    for (let start = 0; start < lines.length; start += 25) {
        const requests = lines.slice(start, start + 25).map(line => ({ PutRequest: { Item: lineItem(line) } }));
        await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [tables.invoices]: requests } }));
    }
    return { kinesisCalls: kinesisCalls.calls, dynamoCalls: dynamoCalls.calls, seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
    await requireService("moto");
    await resetMoto();
    const sample = csvEvents(readFileSync(path.join(REPO_ROOT, "test", "fixtures", "online-retail", "sample.csv"))).events;
    const events = sample.slice(0, eventCount);
    const validate = createEventValidator();
    const lines = events
        .map((event, index) => validate(event, `bench-${String(index).padStart(6, "0")}`))
        .flatMap(v => (v.ok ? [v.value] : []));
    const withCustomer = lines.filter(line => line.customerId !== null).length;

    const pipeline: Awaited<ReturnType<typeof pipelineRun>>[] = [];
    const direct: Awaited<ReturnType<typeof directRun>>[] = [];
    for (let round = 0; round < rounds; round++) {
        pipeline.push(await pipelineRun(events, round));
        direct.push(await directRun(events, lines, round));
        await resetMoto(); // moto keeps every record and item in memory
    }
    const best = <T extends { seconds: number }>(runs: T[]) => [...runs].sort((a, b) => a.seconds - b.seconds)[0];
    const p = best(pipeline);
    const d = best(direct);
    const rate = (seconds: number) => events.length / seconds;
    const kinesis = { producer: perThousand(p.kinesisCalls, p.accepted), direct: perThousand(d.kinesisCalls, events.length) };
    const writes = {
        consumer: perThousand(p.dynamoCalls, events.length),
        direct: perThousand(d.dynamoCalls, events.length),
        naive: perThousand(events.length + withCustomer, events.length),
    };
    const ratio = (value: string | number, baseline: string | number) => (Number(value) / Number(baseline)).toFixed(3);
    process.stdout.write(
        `events: ${events.length} from the sample (${withCustomer} with a customer id), consumer batches of ${consumerBatch}, best of ${rounds}\n`,
    );
    process.stdout.write(
        `1. Kinesis calls per 1,000 accepted events: producer ${kinesis.producer}, direct PutRecords loop ${kinesis.direct} (ratio ${ratio(kinesis.producer, kinesis.direct)}), one PutRecord per event 1000.0 (by definition; ratio ${ratio(kinesis.producer, 1000)})\n`,
    );
    process.stdout.write(
        `2. DynamoDB write requests per 1,000 events: consumer ${writes.consumer}, direct BatchWriteItem loop ${writes.direct} (ratio ${ratio(writes.consumer, writes.direct)}), PutItem + UpdateItem per event ${writes.naive} (counted, not run; ratio ${ratio(writes.consumer, writes.naive)})\n`,
    );
    process.stdout.write(
        `3. events/s: producer + consumer ${rate(p.seconds).toFixed(0)}, direct loop ${rate(d.seconds).toFixed(0)}, ratio ${(rate(p.seconds) / rate(d.seconds)).toFixed(2)}\n`,
    );
}

main().catch(error => {
    process.stderr.write(`${(error as Error).stack}\n`);
    process.exitCode = 1;
});
