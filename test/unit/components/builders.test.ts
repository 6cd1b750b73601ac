// The shared builders pipelines compose: service role, failure queue, secure table, REST API.
import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";
import { failureQueue } from "../../../components/failure-queue";
import { createRestApi } from "../../../components/rest-api";
import { secureTable } from "../../../components/secure-table";
import { serviceRole } from "../../../components/service-role";
import { childrenOf, mockAccountId, mocked, ofType, single } from "../../support/pulumi";
import { testPlatform } from "../../support/platform";

class Holder extends pulumi.ComponentResource {
    constructor(name: string) {
        super("test:builders:Holder", name, {});
    }
}

describe("shared builders", () => {
    before(mocked);

    it("serviceRole refuses wildcard actions and scoped actions on any resource before creating anything", () => {
        const wildcard = {
            service: "firehose.amazonaws.com",
            accountId: mockAccountId,
            statements: [{ actions: ["s3:*"], resources: ["arn:aws:s3:::b"] }],
        };
        expect(() => serviceRole("role-wild", wildcard, {})).to.throw(/wildcard/);
        const anyResource = { ...wildcard, statements: [{ actions: ["s3:PutObject"], resources: ["*"] }] };
        expect(() => serviceRole("role-any", anyResource, {})).to.throw(/Resource "\*"/);
    });

    it("failureQueue is encrypted, TLS-only and alarms on the first waiting message; secureTable is on the key with PITR", async () => {
        const { platform } = testPlatform("builders");
        const holder = new Holder("builders-holder");
        failureQueue("jobs-dlq", { platform, alarmName: "jobs-dlq-waiting", alarmDescription: "jobs failed" }, { parent: holder });
        secureTable("jobs-table", { platform, hashKey: "pk", rangeKey: "sk", stream: true }, { parent: holder });
        const children = await childrenOf(holder.urn);
        expect(single(children, "aws:sqs/queue:Queue").inputs.kmsMasterKeyId).to.be.a("string");
        expect(JSON.stringify(single(children, "aws:sqs/queuePolicy:QueuePolicy").inputs.policy)).to.contain("aws:SecureTransport");
        expect(single(children, "aws:cloudwatch/metricAlarm:MetricAlarm").inputs).to.include({
            threshold: 1,
            alarmDescription: "jobs failed",
        });
        const table = single(children, "aws:dynamodb/table:Table");
        expect(table.inputs).to.include({ hashKey: "pk", rangeKey: "sk", streamEnabled: true, billingMode: "PAY_PER_REQUEST" });
        expect(table.inputs.pointInTimeRecovery).to.deep.equal({ enabled: true });
    });

    it("createRestApi wires an AWS service integration with its template, key, validation, logs and tracing", async () => {
        const { platform } = testPlatform("api");
        const holder = new Holder("api-holder");
        createRestApi(
            "ingest",
            {
                platform,
                description: "ingest: records into a stream",
                routes: [
                    {
                        path: "records/{stream}",
                        method: "POST",
                        handler: {
                            uri: "arn:aws:apigateway:us-east-1:kinesis:action/PutRecord",
                            credentials: "arn:aws:iam::123456789012:role/ingest-api",
                            requestTemplates: { "application/json": '{"StreamName":"$input.params(\'stream\')"}' },
                        },
                        queryParameters: {},
                    },
                ],
                limits: { rateLimit: 5, burstLimit: 10, quotaPerDay: 100 },
                prerequisites: [],
                tags: {},
            },
            holder,
        );
        const children = await childrenOf(holder.urn);
        expect(ofType(children, "aws:apigateway/resource:Resource").map(r => r.inputs.pathPart)).to.deep.equal(["records", "{stream}"]);
        const method = single(children, "aws:apigateway/method:Method");
        expect(method.inputs).to.include({ httpMethod: "POST", apiKeyRequired: true });
        const integration = single(children, "aws:apigateway/integration:Integration");
        expect(integration.inputs).to.include({ type: "AWS", passthroughBehavior: "NEVER" });
        expect(integration.inputs.requestTemplates).to.have.property("application/json");
        expect(ofType(children, "aws:apigateway/integrationResponse:IntegrationResponse")).to.have.length(1);
        const stage = single(children, "aws:apigateway/stage:Stage");
        expect(stage.inputs.xrayTracingEnabled).to.equal(true);
        expect(stage.inputs.accessLogSettings).to.have.property("format");
        expect(single(children, "aws:apigateway/usagePlan:UsagePlan").inputs.throttleSettings).to.deep.equal({
            rateLimit: 5,
            burstLimit: 10,
        });
    });

    it("createRestApi requires path parameters, checks a body model, keeps a route's former name and alarms on 5xx", async () => {
        const { platform } = testPlatform("api-model");
        const holder = new Holder("api-model-holder");
        const schema = { $schema: "http://json-schema.org/draft-04/schema#", type: "object", required: ["id"] };
        const rest = createRestApi(
            "orders",
            {
                platform,
                description: "orders: one order in",
                routes: [
                    {
                        path: "orders/{orderId}",
                        method: "PUT",
                        handler: {
                            uri: "arn:aws:apigateway:us-east-1:dynamodb:action/PutItem",
                            credentials: "arn:aws:iam::123456789012:role/orders-api",
                            requestTemplates: { "application/json": "{}" },
                        },
                        queryParameters: { dryRun: false },
                        bodyModel: { name: "Order", schema },
                        formerName: "orders-api-put-orders",
                    },
                ],
                limits: { rateLimit: 5, burstLimit: 10, quotaPerDay: 100 },
                prerequisites: [],
                tags: {},
            },
            holder,
        );
        const children = await childrenOf(holder.urn);
        const method = single(children, "aws:apigateway/method:Method");
        expect(method.inputs.requestParameters).to.deep.equal({
            "method.request.querystring.dryRun": false,
            "method.request.path.orderId": true,
        });
        expect(method.inputs.requestModels).to.deep.equal({ "application/json": "Order" });
        const model = single(children, "aws:apigateway/model:Model");
        expect(model.name).to.equal("orders-api-orders-orderId");
        expect(JSON.parse(String(model.inputs.schema))).to.deep.equal(schema);
        for (const type of ["aws:apigateway/method:Method", "aws:apigateway/integration:Integration"]) {
            const route = single(children, type);
            expect(route.name).to.equal("orders-api-orders-orderId-put");
            expect(route.aliases?.map(alias => alias.split("::").pop())).to.deep.equal(["orders-api-put-orders"]);
        }
        const alarm = single(children, "aws:cloudwatch/metricAlarm:MetricAlarm");
        expect(alarm.inputs).to.include({ namespace: "AWS/ApiGateway", metricName: "5XXError", threshold: 1 });
        expect(pulumi.Output.isInstance(rest.apiKeyValue)).to.equal(true);
        expect(await pulumi.isSecret(rest.apiKeyValue)).to.equal(true);
    });
});
