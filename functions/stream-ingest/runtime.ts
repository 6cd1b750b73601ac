// How a StreamIngest container builds its clients, once: resource names from the environment,
// region and endpoint from the SDK's own variables. HTTP/1.1 with deadlines for every client
// (Kinesis' default HTTP/2 handler is only needed for SubscribeToShard, which nothing here uses).
import { Logger } from "@aws-lambda-powertools/logger";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { Log } from "./producer-handler";
import type { TableNames } from "./tables";

/** Environment variables the component sets. */
export const environmentVariables = {
    streamName: "STREAM_NAME",
    invoiceTable: "INVOICE_TABLE",
    customerTable: "CUSTOMER_TABLE",
    ledgerTable: "LEDGER_TABLE",
} as const;

export function required(name: string): string {
    const value = process.env[name];
    if (value === undefined || value === "") {
        throw new Error(`environment variable ${name} is not set`);
    }
    return value;
}

function httpHandler(): NodeHttpHandler {
    return new NodeHttpHandler({ connectionTimeout: 1000, requestTimeout: 5000 });
}

export function kinesisClient(): KinesisClient {
    return new KinesisClient({ maxAttempts: 3, requestHandler: httpHandler() });
}

export function dynamoClient(): DynamoDBClient {
    return new DynamoDBClient({ maxAttempts: 4, requestHandler: httpHandler() });
}

export function tablesFromEnvironment(): TableNames {
    return {
        invoices: required(environmentVariables.invoiceTable),
        customers: required(environmentVariables.customerTable),
        ledger: required(environmentVariables.ledgerTable),
    };
}

export function functionLog(): Log {
    const logger = new Logger({ serviceName: "stream-ingest" });
    return {
        info: (message, extra) => logger.info(message, { ...extra }),
        warn: (message, extra) => logger.warn(message, { ...extra }),
        error: (message, extra) => logger.error(message, { ...extra }),
    };
}
