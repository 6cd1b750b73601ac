// The Lambda entry points of StreamIngest: handler factories InlineLambda serializes (settings are
// plain data captured in the archive; clients and the schema validator are built once per
// container), and the packages each archive ships.
import type { APIGatewayProxyEvent, APIGatewayProxyResult, KinesisStreamBatchResponse, KinesisStreamEvent } from "aws-lambda";
import { ClientTimeouts, dynamoDbClient, kinesisClient } from "../runtime/aws-clients";
import { readEnvironment } from "../runtime/environment";
import { functionLogger } from "../runtime/logger";
import { consumeBatch, ConsumerSettings } from "./consumer-handler";
import { consumerEnvironment, customerReaderEnvironment, invoiceReaderEnvironment, producerEnvironment } from "./environment";
import { createEventValidator } from "./event-schema";
import { handleEvents, ProducerSettings } from "./producer-handler";
import { handleGetCustomer, handleGetInvoice } from "./read-handlers";

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
export type StreamHandler = (event: KinesisStreamEvent) => Promise<KinesisStreamBatchResponse>;

const logger = ["@aws-lambda-powertools/logger"];

export const functionPackages = {
    producer: ["@aws-sdk/client-kinesis", "@smithy/node-http-handler", "ajv", ...logger],
    consumer: ["@aws-sdk/client-dynamodb", "@aws-lambda-powertools/batch", "ajv", ...logger],
    reader: ["@aws-sdk/client-dynamodb", "@aws-sdk/util-dynamodb"],
} as const;

/** Deadlines on every call, so that a stalled service fails the request (or the batch) fast. */
const timeouts = { connectionTimeoutMs: 1000, requestTimeoutMs: 5000 } satisfies ClientTimeouts;
const serviceName = "stream-ingest";

export function producerHandler(settings: ProducerSettings): () => ApiHandler {
    return () => {
        const deps = {
            kinesis: kinesisClient({ ...timeouts, maxAttempts: 3 }),
            streamName: readEnvironment(producerEnvironment).streamName,
            validate: createEventValidator(),
            log: functionLogger(serviceName),
        };
        return event => handleEvents(deps, settings, event);
    };
}

export function consumerHandler(settings: ConsumerSettings): () => StreamHandler {
    return () => {
        const deps = {
            dynamo: dynamoDbClient({ ...timeouts, maxAttempts: 4 }),
            tables: readEnvironment(consumerEnvironment),
            validate: createEventValidator(),
            log: functionLogger(serviceName),
        };
        return event => consumeBatch(deps, settings, event);
    };
}

export function customerReadHandler(): () => ApiHandler {
    return () => {
        const deps = { dynamo: dynamoDbClient({ ...timeouts, maxAttempts: 4 }), tables: readEnvironment(customerReaderEnvironment) };
        return event => handleGetCustomer(deps, event);
    };
}

export function invoiceReadHandler(): () => ApiHandler {
    return () => {
        const deps = { dynamo: dynamoDbClient({ ...timeouts, maxAttempts: 4 }), tables: readEnvironment(invoiceReaderEnvironment) };
        return event => handleGetInvoice(deps, event);
    };
}
