// StreamIngest's functions wired to moto: a stream, the three tables as the component creates
// them, the producer and consumer dependencies, and table snapshots to compare states.
import { randomUUID } from "crypto";
import { CreateTableCommand, DynamoDBClient, ScanCommand } from "@aws-sdk/client-dynamodb";
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { APIGatewayProxyEvent } from "aws-lambda";
import type { ConsumerDependencies } from "../../../functions/stream-ingest/consumer-handler";
import { createEventValidator, RawEvent } from "../../../functions/stream-ingest/event-schema";
import type { ProducerDependencies, ProducerSettings } from "../../../functions/stream-ingest/producer-handler";
import type { Log } from "../../../functions/runtime/logger";
import type { RetrySettings } from "../../../functions/runtime/retry";
import type { TableNames } from "../../../functions/stream-ingest/tables";
import { awsClientConfig } from "../../support/services";
import { retailEvents } from "./retail-events";

export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
export const fastRetry: RetrySettings = { maxAttempts: 5, baseDelayMs: 5, maxDelayMs: 40 };
export const producerSettings: ProducerSettings = { limits: { maxEvents: 500, maxBodyBytes: 1024 * 1024 }, retry: fastRetry };

export function localDynamo(): DynamoDBClient {
    return new DynamoDBClient({ ...awsClientConfig(), requestHandler: new NodeHttpHandler() });
}

async function createTable(dynamo: DynamoDBClient, name: string, keys: [string, string?]): Promise<void> {
    const [partition, sort] = keys;
    await dynamo.send(
        new CreateTableCommand({
            TableName: name,
            BillingMode: "PAY_PER_REQUEST",
            AttributeDefinitions: [partition, sort].filter(Boolean).map(key => ({ AttributeName: key!, AttributeType: "S" })),
            KeySchema: [
                { AttributeName: partition, KeyType: "HASH" },
                ...(sort ? [{ AttributeName: sort, KeyType: "RANGE" as const }] : []),
            ],
        }),
    );
}

/** The three tables, keyed as the component declares them, under fresh names. */
export async function createTables(dynamo: DynamoDBClient): Promise<TableNames> {
    const suffix = randomUUID().slice(0, 8);
    const tables = { invoices: `invoice-${suffix}`, customers: `customer-${suffix}`, ledger: `ledger-${suffix}` };
    await createTable(dynamo, tables.invoices, ["invoiceNo", "lineId"]);
    await createTable(dynamo, tables.customers, ["customerId"]);
    await createTable(dynamo, tables.ledger, ["id"]);
    return tables;
}

/** Every item of every table, in a stable order: two equal snapshots mean identical tables. */
export async function snapshot<K extends string>(dynamo: DynamoDBClient, tables: Record<K, string>): Promise<Record<K, string[]>> {
    const result = {} as Record<K, string[]>;
    for (const [role, name] of Object.entries(tables) as [K, string][]) {
        const items: string[] = [];
        let start: Record<string, never> | undefined;
        do {
            const page = await dynamo.send(new ScanCommand({ TableName: name, ExclusiveStartKey: start }));
            page.Items?.forEach(item => items.push(JSON.stringify(Object.fromEntries(Object.entries(item).sort()))));
            start = page.LastEvaluatedKey as Record<string, never> | undefined;
        } while (start !== undefined);
        result[role] = items.sort();
    }
    return result;
}

export function producerDeps(kinesis: KinesisClient, streamName: string): ProducerDependencies {
    return { kinesis, streamName, validate: createEventValidator(), log: silentLog };
}

export function consumerDeps(dynamo: DynamoDBClient, tables: TableNames): ConsumerDependencies {
    return { dynamo, tables, validate: createEventValidator(), log: silentLog };
}

/** POST /events as API Gateway's Lambda proxy integration delivers it. */
export function postEvents(body: string): Pick<APIGatewayProxyEvent, "body" | "isBase64Encoded"> {
    return { body, isBase64Encoded: false };
}

let invoiceCounter = 536000;

/** A valid event (the sample's first line under a new invoice number); `overrides` may break it on purpose. */
export function event(overrides: Partial<Record<keyof RawEvent, unknown>> = {}): Record<string, unknown> {
    const { EventId: _id, ...line } = retailEvents[0];
    return { ...line, InvoiceNo: String(++invoiceCounter), ...overrides };
}
