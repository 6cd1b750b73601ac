// Tier 1: the StreamIngest component under mocks: its resources, their security-relevant
// properties and how they are wired to each other.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { archiveErrorPrefix, archiveObjectPrefix, streamIngestDefaults } from "../../../components/defaults/stream-ingest-defaults";
import { StreamIngest, StreamIngestArgs } from "../../../components/stream-ingest";
import { eventsRequestModel } from "../../../components/stream-ingest/api";
import type { CapturedResource } from "../../../scripts/plan/capture";
import { childrenOf, mocked, ofType, promiseOf, single } from "../../support/pulumi";
import { testPlatform } from "../../support/platform";

type Statement = { Sid?: string; Action: string | string[]; Resource: string | string[]; Condition?: unknown };
const statementsOf = (policy: unknown) => (typeof policy === "string" ? JSON.parse(policy) : policy).Statement as Statement[];
const actions = (statement: Statement) => [statement.Action].flat();

interface Built {
    component: StreamIngest;
    children: CapturedResource[];
    keyArn: string;
}

async function build(prefix: string, args: Partial<StreamIngestArgs> = {}): Promise<Built> {
    const { platform } = testPlatform(prefix);
    const component = new StreamIngest(prefix, { platform, ...args });
    const children = await childrenOf(component.urn);
    const keyArn = await promiseOf(platform.encryptionKey.arn);
    return { component, children, keyArn };
}

const named = (resources: CapturedResource[], type: string, suffix: string) => {
    const found = resources.find(r => r.type === type && r.name.endsWith(suffix));
    if (!found) {
        throw new Error(`no ${type} named *${suffix}`);
    }
    return found;
};

describe("StreamIngest", function () {
    this.timeout(60_000);
    let onDemand: Built;
    let provisioned: Built;

    before(async () => {
        await mocked();
        onDemand = await build("si-default");
        provisioned = await build("si-dev", {
            streamMode: "PROVISIONED",
            shardCount: 2,
            retentionHours: 48,
            api: { rateLimit: 7, burstLimit: 9, quotaPerDay: 1234 },
            archive: { bufferSizeMb: 16, bufferIntervalSeconds: 300 },
        });
    });

    it("encrypts the stream with the stack key, on demand by default and provisioned with shards from args", () => {
        const stream = single(onDemand.children, "aws:kinesis/stream:Stream");
        expect(stream.inputs).to.deep.include({ encryptionType: "KMS", kmsKeyId: onDemand.keyArn, retentionPeriod: 24 });
        expect(stream.inputs.streamModeDetails).to.deep.equal({ streamMode: "ON_DEMAND" });
        expect(stream.inputs.shardCount).to.equal(undefined);
        const dev = single(provisioned.children, "aws:kinesis/stream:Stream");
        expect(dev.inputs).to.deep.include({ shardCount: 2, retentionPeriod: 48, streamModeDetails: { streamMode: "PROVISIONED" } });
    });

    it("keeps invoice lines, customers and the ledger in on-demand tables with PITR, the stack key and deletion protection from the platform", () => {
        const tables = ofType(onDemand.children, "aws:dynamodb/table:Table");
        expect(tables.map(table => [table.name, table.inputs.hashKey, table.inputs.rangeKey]).sort()).to.deep.equal([
            ["si-default-customer", "customerId", undefined],
            ["si-default-invoice", "invoiceNo", "lineId"],
            ["si-default-ledger", "id", undefined],
        ]);
        for (const table of tables) {
            expect(table.inputs).to.deep.include({
                billingMode: "PAY_PER_REQUEST",
                pointInTimeRecovery: { enabled: true },
                serverSideEncryption: { enabled: true, kmsKeyArn: onDemand.keyArn },
            });
        }
    });

    it("consumes the stream through a mapping with partial batch responses, bisect, bounded retries and age, and an encrypted failure queue", async () => {
        const mapping = single(onDemand.children, "aws:lambda/eventSourceMapping:EventSourceMapping");
        const streamArn = await promiseOf(onDemand.component.stream.arn);
        expect(mapping.inputs).to.deep.include({
            eventSourceArn: streamArn,
            functionResponseTypes: ["ReportBatchItemFailures"],
            bisectBatchOnFunctionError: true,
            maximumRetryAttempts: 10,
            maximumRecordAgeInSeconds: 86400,
            startingPosition: "TRIM_HORIZON",
            batchSize: streamIngestDefaults.consumerBatchSize,
            parallelizationFactor: 1,
        });
        const queue = named(onDemand.children, "aws:sqs/queue:Queue", "consumer-failures");
        expect(queue.inputs.kmsMasterKeyId).to.equal(onDemand.keyArn);
        const failureArn = (mapping.inputs.destinationConfig as { onFailure: { destinationArn: string } }).onFailure.destinationArn;
        expect(failureArn).to.contain("consumer-failures");
    });

    it("archives the stream raw through Firehose to the encrypted bucket, GZIP, by hour, with an error prefix and large buffers by default", async () => {
        const delivery = single(onDemand.children, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
        const streamArn = await promiseOf(onDemand.component.stream.arn);
        const bucketArn = await promiseOf(onDemand.component.archiveBucket.arn);
        expect(delivery.inputs.destination).to.equal("extended_s3");
        expect((delivery.inputs.kinesisSourceConfiguration as { kinesisStreamArn: string }).kinesisStreamArn).to.equal(streamArn);
        expect(delivery.inputs.extendedS3Configuration).to.deep.include({
            bucketArn,
            prefix: archiveObjectPrefix,
            errorOutputPrefix: archiveErrorPrefix,
            compressionFormat: "GZIP",
            kmsKeyArn: onDemand.keyArn,
            bufferingSize: 128,
            bufferingInterval: 900,
        });
        expect(archiveObjectPrefix).to.match(/^raw\/events\/year=.*\/month=.*\/day=.*\/hour=.*\/$/);
        const dev = single(provisioned.children, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");
        expect(dev.inputs.extendedS3Configuration).to.deep.include({ bufferingSize: 16, bufferingInterval: 300 });
        const encryption = single(
            onDemand.children,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        );
        expect(JSON.stringify(encryption.inputs.rules)).to.contain(onDemand.keyArn);
        expect(onDemand.component.archivePrefix).to.equal("raw/events/");
    });

    it("scopes the Firehose role to reading this stream and writing this bucket, the key only through Kinesis and S3", async () => {
        const policy = named(onDemand.children, "aws:iam/rolePolicy:RolePolicy", "archive-delivery");
        const statements = statementsOf(policy.inputs.policy);
        const streamArn = await promiseOf(onDemand.component.stream.arn);
        const read = statements.find(statement => statement.Sid === "ReadSourceStream")!;
        expect(read.Resource).to.deep.equal([streamArn]);
        expect(actions(read).every(action => action.startsWith("kinesis:"))).to.equal(true);
        const key = statements.find(statement => statement.Sid === "UsePlatformKeyForStreamAndArchive")!;
        expect(key.Resource).to.deep.equal([onDemand.keyArn]);
        expect(JSON.stringify(key.Condition)).to.contain("kms:ViaService");
    });

    it("gives each function only what its code calls", async () => {
        const policyOf = (fn: string) =>
            statementsOf(named(onDemand.children, "aws:iam/rolePolicy:RolePolicy", `si-default-${fn}`).inputs.policy);
        const streamArn = await promiseOf(onDemand.component.stream.arn);
        const producer = policyOf("producer").find(statement => statement.Sid === "PutEvents")!;
        expect(producer).to.deep.include({ Action: ["kinesis:PutRecords"], Resource: [streamArn] });
        expect(policyOf("producer").some(statement => actions(statement).some(action => action.startsWith("dynamodb:")))).to.equal(false);
        const consumer = policyOf("consumer").find(statement => statement.Sid === "WriteIngestTables")!;
        expect(actions(consumer).sort()).to.deep.equal([
            "dynamodb:BatchWriteItem",
            "dynamodb:ConditionCheckItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
        ]);
        expect(policyOf("customer-reader").find(statement => statement.Sid === "ReadCustomers")).to.deep.include({
            Action: ["dynamodb:GetItem"],
        });
        expect(policyOf("invoice-reader").find(statement => statement.Sid === "ReadInvoices")).to.deep.include({
            Action: ["dynamodb:Query"],
        });
    });

    it("serves POST /events and the two reads behind API keys, validates the batch envelope, logs access and traces", () => {
        const methods = ofType(onDemand.children, "aws:apigateway/method:Method");
        expect(methods.map(method => method.inputs.httpMethod).sort()).to.deep.equal(["GET", "GET", "POST"]);
        expect(methods.every(method => method.inputs.apiKeyRequired === true)).to.equal(true);
        const post = methods.find(method => method.inputs.httpMethod === "POST")!;
        expect(post.inputs.requestModels).to.deep.equal({ "application/json": "EventsRequest" });
        const gets = methods
            .filter(method => method.inputs.httpMethod === "GET")
            .map(method => Object.keys(method.inputs.requestParameters as object));
        expect(gets.flat().sort()).to.deep.equal(["method.request.path.customerId", "method.request.path.invoiceNo"]);
        const model = single(onDemand.children, "aws:apigateway/model:Model");
        expect(JSON.parse(model.inputs.schema as string)).to.deep.equal(eventsRequestModel(500));
        const validator = single(onDemand.children, "aws:apigateway/requestValidator:RequestValidator");
        expect(validator.inputs).to.deep.include({ validateRequestBody: true, validateRequestParameters: true });
        const stage = single(onDemand.children, "aws:apigateway/stage:Stage");
        expect(stage.inputs.xrayTracingEnabled).to.equal(true);
        expect(stage.inputs.accessLogSettings).to.have.property("destinationArn");
        const plan = single(provisioned.children, "aws:apigateway/usagePlan:UsagePlan");
        expect(plan.inputs).to.deep.include({
            throttleSettings: { rateLimit: 7, burstLimit: 9 },
            quotaSettings: { limit: 1234, period: "DAY" },
        });
        const paths = ofType(onDemand.children, "aws:apigateway/resource:Resource")
            .map(resource => resource.inputs.pathPart)
            .sort();
        expect(paths).to.deep.equal(["customers", "events", "invoices", "{customerId}", "{invoiceNo}"]);
        // API Gateway may invoke each function on its own route only; a path parameter matches any id.
        const sourceArns = ofType(onDemand.children, "aws:lambda/permission:Permission")
            .filter(permission => permission.inputs.principal === "apigateway.amazonaws.com")
            .map(permission => String(permission.inputs.sourceArn).replace(/^.*?\/\*\//, ""))
            .sort();
        expect(sourceArns).to.deep.equal(["GET/customers/*", "GET/invoices/*", "POST/events"]);
    });

    it("keeps the URNs its API methods and integrations had before the shared builder named them", () => {
        const routes = [
            ...ofType(onDemand.children, "aws:apigateway/method:Method"),
            ...ofType(onDemand.children, "aws:apigateway/integration:Integration"),
        ];
        const former = routes.flatMap(route => route.aliases ?? []).map(alias => alias.split("::").pop());
        expect(former.sort()).to.deep.equal(
            ["get-customers", "get-customers", "get-invoices", "get-invoices", "post-events", "post-events"].map(
                slug => `si-default-api-${slug}`,
            ),
        );
    });

    it("alarms to the stack topic on iterator age, failure-queue depth, API 5xx, Kinesis write throttling and DynamoDB throttling", () => {
        const alarms = ofType(onDemand.children, "aws:cloudwatch/metricAlarm:MetricAlarm");
        const metrics = alarms.map(alarm => `${alarm.inputs.namespace}/${alarm.inputs.metricName}`);
        for (const metric of [
            "AWS/Kinesis/GetRecords.IteratorAgeMilliseconds",
            "AWS/Lambda/IteratorAge",
            "AWS/SQS/ApproximateNumberOfMessagesVisible",
            "AWS/ApiGateway/5XXError",
            "AWS/Kinesis/WriteProvisionedThroughputExceeded",
            "AWS/DynamoDB/ThrottledRequests",
        ]) {
            expect(metrics, metric).to.include(metric);
        }
        expect(metrics.filter(metric => metric === "AWS/DynamoDB/ThrottledRequests")).to.have.length(3);
        const topics = new Set(alarms.map(alarm => JSON.stringify(alarm.inputs.alarmActions)));
        expect(topics.size).to.equal(1);
    });

    it("exposes the archive bucket, the API URL and a secret API key", async () => {
        expect(await promiseOf(onDemand.component.archiveBucket.bucket)).to.be.a("string");
        expect(pulumi.Output.isInstance(onDemand.component.apiKeyValue)).to.equal(true);
        expect(await promiseOf(onDemand.component.apiUrl)).to.be.a("string");
    });
});
