// StreamIngest's four functions, each an InlineLambda with its own role, security group, packages
// and only the permissions its code uses: the producer behind POST /events, the stream consumer,
// and the two readers behind GET /customers/{customerId} and GET /invoices/{invoiceNo}.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, KinesisStreamBatchResponse, KinesisStreamEvent } from "aws-lambda";
import {
    consumerHandler,
    customerReadHandler,
    functionPackages,
    invoiceReadHandler,
    producerHandler,
} from "../../functions/stream-ingest/lambda";
import { defaultRetry } from "../../functions/runtime/retry";
import {
    consumerEnvironment,
    customerReaderEnvironment,
    invoiceReaderEnvironment,
    producerEnvironment,
} from "../../functions/stream-ingest/environment";
import { consumerTimeoutSeconds, producerTimeoutSeconds, readerTimeoutSeconds } from "../defaults/stream-ingest-defaults";
import { PolicyStatement } from "../iam";
import { InlineLambda } from "../inline-lambda";
import { environmentVariables } from "../lambda-environment";
import type { PlatformContext } from "../platform-context";
import type { IngestTables } from "./tables";

export type ApiFunction = InlineLambda<APIGatewayProxyEvent, APIGatewayProxyResult>;

export interface IngestFunctions {
    producer: ApiFunction;
    consumer: InlineLambda<KinesisStreamEvent, KinesisStreamBatchResponse>;
    customerReader: ApiFunction;
    invoiceReader: ApiFunction;
}

export interface FunctionsArgs {
    platform: PlatformContext;
    stream: aws.kinesis.Stream;
    tables: IngestTables;
    maxEventsPerRequest: number;
    maxBodyBytes: number;
    consumerBatchSize: number;
    tags: Record<string, string>;
}

/** The platform key through one service only. */
function keyVia(service: string, region: string, keyArn: pulumi.Input<string>, actions: string[]): PolicyStatement {
    return {
        sid: `UsePlatformKeyVia${service[0].toUpperCase()}${service.slice(1)}`,
        actions,
        resources: [keyArn],
        condition: { StringEquals: { "kms:ViaService": `${service}.${region}.amazonaws.com` } },
    };
}

export function createFunctions(name: string, args: FunctionsArgs, parent: pulumi.Resource): IngestFunctions {
    const { platform, stream, tables } = args;
    const keyArn = platform.encryptionKey.arn;
    const network = platform.network;
    // The producer reaches Kinesis through an interface endpoint; DynamoDB has a gateway endpoint.
    network.requireInterfaceEndpoints("kinesis-streams");
    const common = { platform, tags: args.tags };
    const child = { parent };
    const securityGroup = (fn: string) => network.clientSecurityGroup(`${name}-${fn}-function`, `${name} ${fn} function`);
    const dynamoKey = keyVia("dynamodb", platform.region, keyArn, ["kms:Decrypt", "kms:GenerateDataKey"]);
    const producerSettings = {
        limits: { maxEvents: args.maxEventsPerRequest, maxBodyBytes: args.maxBodyBytes },
        retry: { ...defaultRetry, maxAttempts: 4 },
    };
    const consumerSettings = { retry: defaultRetry };

    const reader = (
        fn: "customer-reader" | "invoice-reader",
        description: string,
        permission: PolicyStatement,
        environment: Record<string, pulumi.Input<string>>,
        factory: () => (e: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>,
    ) =>
        new InlineLambda<APIGatewayProxyEvent, APIGatewayProxyResult>(
            `${name}-${fn}`,
            {
                ...common,
                description,
                handlerFactory: factory,
                packages: [...functionPackages.reader],
                permissions: [permission, dynamoKey],
                environment,
                securityGroup: securityGroup(fn),
                invocation: { kind: "sync" },
                timeoutSeconds: readerTimeoutSeconds,
            },
            child,
        );

    return {
        producer: new InlineLambda<APIGatewayProxyEvent, APIGatewayProxyResult>(
            `${name}-producer`,
            {
                ...common,
                description: "POST /events: validates each event and puts the accepted ones on the Kinesis stream",
                handlerFactory: producerHandler(producerSettings),
                packages: [...functionPackages.producer],
                permissions: [
                    { sid: "PutEvents", actions: ["kinesis:PutRecords"], resources: [stream.arn] },
                    keyVia("kinesis", platform.region, keyArn, ["kms:GenerateDataKey"]),
                ],
                environment: environmentVariables(producerEnvironment, { streamName: stream.name }),
                securityGroup: securityGroup("producer"),
                invocation: { kind: "sync" },
                timeoutSeconds: producerTimeoutSeconds,
            },
            child,
        ),
        consumer: new InlineLambda<KinesisStreamEvent, KinesisStreamBatchResponse>(
            `${name}-consumer`,
            {
                ...common,
                description: "Writes stream events into the invoice and customer tables (replay-safe)",
                handlerFactory: consumerHandler(consumerSettings),
                packages: [...functionPackages.consumer],
                permissions: [
                    {
                        sid: "WriteIngestTables",
                        actions: ["dynamodb:BatchWriteItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"],
                        resources: [tables.invoices.arn, tables.customers.arn, tables.ledger.arn],
                    },
                    keyVia("kinesis", platform.region, keyArn, ["kms:Decrypt"]),
                    dynamoKey,
                ],
                environment: environmentVariables(consumerEnvironment, {
                    invoices: tables.invoices.name,
                    customers: tables.customers.name,
                    ledger: tables.ledger.name,
                }),
                securityGroup: securityGroup("consumer"),
                invocation: { kind: "stream", source: "kinesis", eventSourceArn: stream.arn, batchSize: args.consumerBatchSize },
                timeoutSeconds: consumerTimeoutSeconds,
            },
            child,
        ),
        customerReader: reader(
            "customer-reader",
            "GET /customers/{customerId}: a customer's profile and aggregates",
            { sid: "ReadCustomers", actions: ["dynamodb:GetItem"], resources: [tables.customers.arn] },
            environmentVariables(customerReaderEnvironment, { customers: tables.customers.name }),
            customerReadHandler(),
        ),
        invoiceReader: reader(
            "invoice-reader",
            "GET /invoices/{invoiceNo}: an invoice with its lines",
            { sid: "ReadInvoices", actions: ["dynamodb:Query"], resources: [tables.invoices.arn] },
            environmentVariables(invoiceReaderEnvironment, { invoices: tables.invoices.name }),
            invoiceReadHandler(),
        ),
    };
}
