// The Lambda entry points of StreamIngest: handler factories InlineLambda serializes (settings are
// plain data captured in the archive; clients and the schema validator are built once per
// container), and the packages each archive ships.
import type { APIGatewayProxyEvent, APIGatewayProxyResult, KinesisStreamBatchResponse, KinesisStreamEvent } from "aws-lambda";
import { consumeBatch, ConsumerSettings } from "./consumer-handler";
import { createEventValidator } from "./event-schema";
import { handleEvents, ProducerSettings } from "./producer-handler";
import { handleGetCustomer, handleGetInvoice } from "./read-handlers";
import { dynamoClient, environmentVariables, functionLog, kinesisClient, required, tablesFromEnvironment } from "./runtime";

export type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
export type StreamHandler = (event: KinesisStreamEvent) => Promise<KinesisStreamBatchResponse>;

const sdkHttp = ["@smithy/node-http-handler", "@aws-lambda-powertools/logger"];

export const functionPackages = {
    producer: ["@aws-sdk/client-kinesis", "ajv", ...sdkHttp],
    consumer: ["@aws-sdk/client-dynamodb", "@aws-lambda-powertools/batch", "ajv", ...sdkHttp],
    reader: ["@aws-sdk/client-dynamodb", "@aws-sdk/util-dynamodb", ...sdkHttp],
} as const;

export function producerHandler(settings: ProducerSettings): () => ApiHandler {
    return () => {
        const deps = {
            kinesis: kinesisClient(),
            streamName: required(environmentVariables.streamName),
            validate: createEventValidator(),
            log: functionLog(),
        };
        return event => handleEvents(deps, settings, event);
    };
}

export function consumerHandler(settings: ConsumerSettings): () => StreamHandler {
    return () => {
        const deps = { dynamo: dynamoClient(), tables: tablesFromEnvironment(), validate: createEventValidator(), log: functionLog() };
        return event => consumeBatch(deps, settings, event);
    };
}

export function customerReadHandler(): () => ApiHandler {
    return () => {
        const deps = { dynamo: dynamoClient(), tables: { customers: required(environmentVariables.customerTable), invoices: "" } };
        return event => handleGetCustomer(deps, event);
    };
}

export function invoiceReadHandler(): () => ApiHandler {
    return () => {
        const deps = { dynamo: dynamoClient(), tables: { invoices: required(environmentVariables.invoiceTable), customers: "" } };
        return event => handleGetInvoice(deps, event);
    };
}
