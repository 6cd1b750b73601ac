// Tier 1: the SearchAndCache component under mocks: its resources, their security-relevant
// properties and how they are wired to each other.
import { expect } from "chai";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SearchAndCache, SearchAndCacheArgs } from "../../../components/search-and-cache";
import type { CapturedResource } from "../../../scripts/plan/capture";
import { mockSubnetId } from "../../../scripts/plan/mocks";
import { childrenOf, mocked, ofType, promiseOf, single } from "../../support/pulumi";
import { testPlatform } from "../../support/platform";

type Statement = { Sid?: string; Action: string | string[]; Resource: string | string[]; Principal?: unknown; Condition?: unknown };
const statementsOf = (policy: unknown) => (typeof policy === "string" ? JSON.parse(policy) : policy).Statement as Statement[];

interface Built {
    component: SearchAndCache;
    children: CapturedResource[];
    /** Everything the test registered, the network's security groups included. */
    all: CapturedResource[];
}

async function build(prefix: string, args: Partial<SearchAndCacheArgs> = {}): Promise<Built> {
    const { platform } = testPlatform(prefix);
    const component = new SearchAndCache(prefix, { platform, domainName: `${prefix}-domain`, ...args });
    const children = await childrenOf(component.urn);
    const all = (await mocked()).resources.filter(r => r.name.startsWith(prefix));
    return { component, children, all };
}

const named = (resources: CapturedResource[], type: string, name: string) => {
    const found = resources.find(r => r.type === type && r.name === name);
    if (!found) {
        throw new Error(`no ${type} named ${name}`);
    }
    return found;
};

describe("SearchAndCache", function () {
    this.timeout(60_000);
    let dev: Built;

    before(async () => {
        await mocked();
        dev = await build("sc-dev");
    });

    it("puts the OpenSearch domain in one isolated subnet, encrypted at rest with the stack key and node to node, HTTPS with TLS 1.2+", async () => {
        const domain = single(dev.children, "aws:opensearch/domain:Domain");
        const keyArn = await promiseOf(dev.component.functions.search.function.kmsKeyArn as pulumi.Output<string>);
        expect(domain.inputs).to.deep.include({
            domainName: "sc-dev-domain",
            engineVersion: "OpenSearch_2.19",
            encryptAtRest: { enabled: true, kmsKeyId: keyArn },
            nodeToNodeEncryption: { enabled: true },
            domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
            ebsOptions: { ebsEnabled: true, volumeType: "gp3", volumeSize: 10 },
        });
        expect((domain.inputs.vpcOptions as { subnetIds: string[] }).subnetIds).to.deep.equal([mockSubnetId("Isolated", 0)]);
        expect(domain.inputs.clusterConfig).to.deep.include({
            instanceCount: 1,
            zoneAwarenessEnabled: false,
            dedicatedMasterEnabled: false,
        });
        expect(domain.inputs.accessPolicies).to.equal(undefined);
    });

    it("publishes the domain's error and slow logs to encrypted groups, after a log policy scoped to this domain", async () => {
        const domain = single(dev.children, "aws:opensearch/domain:Domain");
        const options = domain.inputs.logPublishingOptions as { logType: string; cloudwatchLogGroupArn: string }[];
        expect(options.map(option => option.logType)).to.deep.equal(["ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS"]);
        const groups = options.map(option =>
            dev.children.find(
                r =>
                    r.type === "aws:cloudwatch/logGroup:LogGroup" &&
                    `arn:aws:logs:us-east-1:123456789012:loggroup/${r.name}` === option.cloudwatchLogGroupArn,
            ),
        );
        expect(groups.every(group => group !== undefined && "kmsKeyId" in group.inputs && group.inputs.retentionInDays === 30)).to.equal(
            true,
        );
        const logPolicy = single(dev.children, "aws:cloudwatch/logResourcePolicy:LogResourcePolicy");
        expect(domain.dependencies).to.include(logPolicy.urn);
        const [statement] = statementsOf(logPolicy.inputs.policyDocument);
        expect(statement.Principal).to.deep.equal({ Service: "es.amazonaws.com" });
        expect(statement.Resource).to.deep.equal(options.map(option => `${option.cloudwatchLogGroupArn}:*`));
        expect(statement.Condition).to.deep.equal({
            StringEquals: { "aws:SourceAccount": "123456789012" },
            ArnLike: { "aws:SourceArn": "arn:aws:es:us-east-1:123456789012:domain/sc-dev-domain" },
        });
    });

    it("admits only the five function roles to the domain, through a separate domain policy", async () => {
        const policy = single(dev.children, "aws:opensearch/domainPolicy:DomainPolicy");
        const [statement] = statementsOf(policy.inputs.accessPolicies);
        const roles = await Promise.all(Object.values(dev.component.functions).map(fn => promiseOf(fn.role.arn)));
        expect(statement).to.deep.include({
            Effect: "Allow",
            Action: "es:ESHttp*",
            Resource: "arn:aws:es:us-east-1:123456789012:domain/sc-dev-domain/*",
        });
        expect((statement.Principal as { AWS: string[] }).AWS)
            .to.have.members(roles)
            .and.have.length(5);
    });

    it("runs Redis in the isolated subnets with TLS required, at-rest encryption, a non-default port and a generated AUTH token kept in Secrets Manager", async () => {
        const group = single(dev.children, "aws:elasticache/replicationGroup:ReplicationGroup");
        const password = single(dev.children, "random:index/randomPassword:RandomPassword");
        expect(group.inputs).to.deep.include({
            engine: "redis",
            port: 6380,
            transitEncryptionEnabled: true,
            transitEncryptionMode: "required",
            atRestEncryptionEnabled: true,
            numCacheClusters: 1,
            automaticFailoverEnabled: false,
            multiAzEnabled: false,
            snapshotRetentionLimit: 0,
        });
        expect(group.inputs.authToken).to.equal(`mock-password-of-${password.name}-`.padEnd(64, "x"));
        expect(password.inputs).to.deep.include({ length: 64, special: false });
        const subnetGroup = single(dev.children, "aws:elasticache/subnetGroup:SubnetGroup");
        expect(subnetGroup.inputs.subnetIds).to.deep.equal([0, 1, 2].map(az => mockSubnetId("Isolated", az)));
        const secret = single(dev.children, "aws:secretsmanager/secret:Secret");
        expect(secret.inputs.kmsKeyId).to.be.a("string");
        expect(single(dev.children, "aws:secretsmanager/secretVersion:SecretVersion").inputs.secretString).to.equal(group.inputs.authToken);
    });

    it("admits the functions alone: OpenSearch on 443 from all five, Redis on its port from the three that cache", async () => {
        const groupOf = async (fn: keyof SearchAndCache["functions"]) => {
            const lambda = named(dev.children, "aws:lambda/function:Function", `sc-dev-${fn}`);
            return (lambda.inputs.vpcConfig as { securityGroupIds: string[] }).securityGroupIds[0];
        };
        const ingressOf = (name: string) =>
            named(dev.all, "aws:ec2/securityGroup:SecurityGroup", name).inputs.ingress as {
                fromPort: number;
                securityGroups: string[];
                cidrBlocks?: string[];
            }[];
        const search = ingressOf("sc-dev-search-domain");
        expect(search.every(rule => rule.fromPort === 443 && rule.cidrBlocks === undefined)).to.equal(true);
        expect(search.flatMap(rule => rule.securityGroups)).to.have.members(
            await Promise.all(["generator", "search", "cache", "health", "sync"].map(fn => groupOf(fn as never))),
        );
        const cache = ingressOf("sc-dev-cache-nodes");
        expect(cache.every(rule => rule.fromPort === 6380)).to.equal(true);
        expect(cache.flatMap(rule => rule.securityGroups)).to.have.members(
            await Promise.all(["generator", "cache", "health"].map(fn => groupOf(fn as never))),
        );
        expect(dev.all.filter(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint").map(r => r.inputs.serviceName)).to.include(
            "com.amazonaws.us-east-1.secretsmanager",
        );
    });

    it("keeps a DynamoDB table with a full-image stream, point-in-time recovery and the stack key, mirrored by the sync function", async () => {
        const table = single(dev.children, "aws:dynamodb/table:Table");
        expect(table.inputs).to.deep.include({
            billingMode: "PAY_PER_REQUEST",
            hashKey: "id",
            streamEnabled: true,
            streamViewType: "NEW_AND_OLD_IMAGES",
            pointInTimeRecovery: { enabled: true },
        });
        expect((table.inputs.serverSideEncryption as { enabled: boolean; kmsKeyArn: string }).enabled).to.equal(true);
        const mapping = single(dev.children, "aws:lambda/eventSourceMapping:EventSourceMapping");
        expect(mapping.inputs.eventSourceArn).to.equal(await promiseOf(dev.component.table.streamArn));
        expect(mapping.inputs.functionResponseTypes).to.deep.equal(["ReportBatchItemFailures"]);
        expect(mapping.inputs.bisectBatchOnFunctionError).to.equal(true);
    });

    it("runs the generator every five minutes, with target retries and an encrypted dead-letter queue only the rule may write to", async () => {
        const rule = single(dev.children, "aws:cloudwatch/eventRule:EventRule");
        expect(rule.inputs.scheduleExpression).to.equal("rate(5 minutes)");
        const target = single(dev.children, "aws:cloudwatch/eventTarget:EventTarget");
        const dlq = named(dev.children, "aws:sqs/queue:Queue", "sc-dev-schedule-dlq");
        expect(target.inputs).to.deep.include({
            arn: await promiseOf(dev.component.functions.generator.function.arn),
            retryPolicy: { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 },
            deadLetterConfig: { arn: `arn:aws:sqs:us-east-1:123456789012:queue/${dlq.name}` },
        });
        expect(dlq.inputs.kmsMasterKeyId).to.be.a("string");
        const statements = statementsOf(named(dev.children, "aws:sqs/queuePolicy:QueuePolicy", "sc-dev-schedule-dlq").inputs.policy);
        expect(statements[0]).to.deep.include({
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Condition: { ArnEquals: { "aws:SourceArn": `arn:aws:events:us-east-1:123456789012:rule/${rule.name}` } },
        });
        expect(statements[1]).to.deep.include({ Effect: "Deny", Condition: { Bool: { "aws:SecureTransport": "false" } } });
        const permission = named(dev.children, "aws:lambda/permission:Permission", "sc-dev-generator-schedule");
        expect(permission.inputs).to.deep.include({
            principal: "events.amazonaws.com",
            sourceArn: `arn:aws:events:us-east-1:123456789012:rule/${rule.name}`,
        });
        const invokeConfig = single(dev.children, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig");
        expect(invokeConfig.inputs.maximumRetryAttempts).to.equal(2);
    });

    it("requires an API key on every method, validates query parameters and invokes each function through a proxy integration", async () => {
        const api = single(dev.children, "aws:apigateway/restApi:RestApi");
        expect(api.inputs).to.deep.include({ endpointConfiguration: { types: "REGIONAL" }, apiKeySource: "HEADER" });
        const validator = single(dev.children, "aws:apigateway/requestValidator:RequestValidator");
        expect(validator.inputs).to.deep.include({ validateRequestParameters: true, validateRequestBody: true });
        const methods = ofType(dev.children, "aws:apigateway/method:Method");
        expect(methods.map(m => m.name).sort()).to.deep.equal(["sc-dev-api-cache", "sc-dev-api-health", "sc-dev-api-search"]);
        for (const method of methods) {
            expect(method.inputs).to.deep.include({
                httpMethod: "GET",
                authorization: "NONE",
                apiKeyRequired: true,
                requestValidatorId: `${validator.name}-id`,
            });
        }
        expect(named(dev.children, "aws:apigateway/method:Method", "sc-dev-api-cache").inputs.requestParameters).to.deep.equal({
            "method.request.querystring.id": true,
        });
        expect(
            Object.values(named(dev.children, "aws:apigateway/method:Method", "sc-dev-api-search").inputs.requestParameters as object),
        ).to.deep.equal([false, false, false, false]);
        for (const path of ["search", "cache", "health"] as const) {
            const integration = named(dev.children, "aws:apigateway/integration:Integration", `sc-dev-api-${path}`);
            expect(integration.inputs).to.deep.include({
                type: "AWS_PROXY",
                integrationHttpMethod: "POST",
                uri: await promiseOf(dev.component.functions[path].function.invokeArn),
            });
            const permission = named(dev.children, "aws:lambda/permission:Permission", `sc-dev-${path}-api`);
            expect(permission.inputs).to.deep.include({
                principal: "apigateway.amazonaws.com",
                sourceArn: `arn:aws:execute-api:us-east-1:123456789012:${api.name}-id/*/GET/${path}`,
            });
        }
    });

    it("logs access as JSON to an encrypted group, traces, meters and throttles the stage, and meters each key with a usage plan", async () => {
        const stage = single(dev.children, "aws:apigateway/stage:Stage");
        const accessLogs = named(dev.children, "aws:cloudwatch/logGroup:LogGroup", "sc-dev-api-access");
        expect(stage.inputs.xrayTracingEnabled).to.equal(true);
        const settings = stage.inputs.accessLogSettings as { destinationArn: string; format: string };
        expect(settings.destinationArn).to.equal(`arn:aws:logs:us-east-1:123456789012:loggroup/${accessLogs.name}`);
        expect(Object.keys(JSON.parse(settings.format))).to.include.members(["requestId", "status", "apiKeyId", "xrayTraceId"]);
        expect(accessLogs.inputs.kmsKeyId).to.be.a("string");
        const methodSettings = single(dev.children, "aws:apigateway/methodSettings:MethodSettings");
        expect(methodSettings.inputs).to.deep.include({ methodPath: "*/*" });
        expect(methodSettings.inputs.settings).to.deep.include({
            metricsEnabled: true,
            loggingLevel: "ERROR",
            dataTraceEnabled: false,
            throttlingRateLimit: 10,
            throttlingBurstLimit: 20,
        });
        const plan = single(dev.children, "aws:apigateway/usagePlan:UsagePlan");
        expect(plan.inputs).to.deep.include({
            throttleSettings: { rateLimit: 10, burstLimit: 20 },
            quotaSettings: { limit: 10000, period: "DAY" },
        });
        expect(single(dev.children, "aws:apigateway/usagePlanKey:UsagePlanKey").inputs.keyType).to.equal("API_KEY");
        const deployment = single(dev.children, "aws:apigateway/deployment:Deployment");
        expect((deployment.inputs.triggers as { routes: string }).routes).to.match(/^[0-9a-f]{64}$/);
        expect(deployment.dependencies).to.include.members(ofType(dev.children, "aws:apigateway/integration:Integration").map(i => i.urn));
    });

    it("exports the API key's value as a secret", async () => {
        expect(await pulumi.isSecret(dev.component.apiKeyValue)).to.equal(true);
        expect(await promiseOf(dev.component.apiKeyValue)).to.match(/^mock-api-key-of-/);
    });

    it("gives each function only the endpoints and permissions its code uses", async () => {
        const environmentOf = (fn: string) =>
            (
                named(dev.children, "aws:lambda/function:Function", `sc-dev-${fn}`).inputs.environment as {
                    variables: Record<string, string>;
                }
            ).variables;
        const statementsFor = (fn: string) =>
            statementsOf(named(dev.children, "aws:iam/rolePolicy:RolePolicy", `sc-dev-${fn}`).inputs.policy);
        const actionsOf = (fn: string) => statementsFor(fn).flatMap(s => [s.Action].flat());
        for (const fn of ["generator", "search", "cache", "health", "sync"]) {
            expect(environmentOf(fn).OPENSEARCH_ENDPOINT).to.equal("https://vpc-sc-dev-domain-mock.us-east-1.es.amazonaws.com");
            expect(statementsFor(fn).find(s => s.Sid === "CallSearchDomain")!.Resource).to.deep.equal([
                "arn:aws:es:us-east-1:123456789012:domain/sc-dev-domain/*",
            ]);
        }
        for (const fn of ["generator", "cache", "health"]) {
            expect(environmentOf(fn)).to.include({
                REDIS_PORT: "6380",
                REDIS_HOST: "master.sc-dev-cache-rg.mock.use1.cache.amazonaws.com",
            });
            expect(environmentOf(fn).REDIS_AUTH_SECRET_ARN).to.match(/^arn:aws:secretsmanager:/);
            expect(actionsOf(fn)).to.include("secretsmanager:GetSecretValue");
        }
        for (const fn of ["search", "sync"]) {
            expect(Object.keys(environmentOf(fn))).not.to.include("REDIS_HOST");
            expect(actionsOf(fn)).not.to.include("secretsmanager:GetSecretValue");
        }
        expect(actionsOf("search").filter(a => a.startsWith("es:"))).to.have.members(["es:ESHttpGet", "es:ESHttpPost"]);
        expect(actionsOf("sync").filter(a => a.startsWith("es:"))).to.deep.equal(["es:ESHttpPost"]);
        expect(actionsOf("cache").filter(a => a.startsWith("es:"))).to.deep.equal(["es:ESHttpGet"]);
    });

    it("alarms on cluster red and yellow, storage, JVM pressure, blocked writes, snapshots, Redis CPU and evictions, errors, DLQ depth and iterator age", async () => {
        const alarms = ofType(dev.children, "aws:cloudwatch/metricAlarm:MetricAlarm");
        const metrics = alarms.map(alarm => `${alarm.inputs.namespace}:${alarm.inputs.metricName}`);
        expect(metrics).to.include.members([
            "AWS/ES:ClusterStatus.red",
            "AWS/ES:ClusterStatus.yellow",
            "AWS/ES:FreeStorageSpace",
            "AWS/ES:JVMMemoryPressure",
            "AWS/ES:ClusterIndexWritesBlocked",
            "AWS/ES:AutomatedSnapshotFailure",
            "AWS/ElastiCache:EngineCPUUtilization",
            "AWS/ElastiCache:Evictions",
            "AWS/Lambda:Errors",
            "AWS/Lambda:IteratorAge",
            "AWS/SQS:ApproximateNumberOfMessagesVisible",
        ]);
        expect(metrics.filter(m => m === "AWS/Lambda:Errors")).to.have.length(5);
        const topic = await promiseOf(pulumi.output(testPlatform("sc-topic").platform.alarmTopicArn));
        expect(alarms.every(alarm => JSON.stringify(alarm.inputs.alarmActions).startsWith('["arn:aws:sns:'))).to.equal(true);
        expect(topic).to.match(/^arn:aws:sns:/);
        const freeStorage = alarms.find(alarm => alarm.inputs.metricName === "FreeStorageSpace")!;
        expect(freeStorage.inputs).to.deep.include({ threshold: 2560, comparisonOperator: "LessThanOrEqualToThreshold" });
    });

    it("spreads production over AZs: zone-aware domain with dedicated masters, Redis replicas with failover, Multi-AZ, snapshots and per-node alarms", async () => {
        const prod = await build("sc-prod", {
            search: { instanceType: "r6g.large.search", instanceCount: 3, dedicatedMasters: true, zoneCount: 3, volumeSizeGb: 100 },
            cache: { nodeType: "cache.r7g.large", replicas: 2, snapshotRetentionDays: 7 },
            api: { rateLimit: 100, burstLimit: 200, quotaPerDay: 1_000_000 },
            schedule: "rate(10 minutes)",
        });
        const domain = single(prod.children, "aws:opensearch/domain:Domain");
        expect(domain.inputs.clusterConfig).to.deep.equal({
            instanceType: "r6g.large.search",
            instanceCount: 3,
            dedicatedMasterEnabled: true,
            dedicatedMasterType: "m6g.large.search",
            dedicatedMasterCount: 3,
            zoneAwarenessEnabled: true,
            zoneAwarenessConfig: { availabilityZoneCount: 3 },
        });
        expect((domain.inputs.vpcOptions as { subnetIds: string[] }).subnetIds).to.deep.equal(
            [0, 1, 2].map(az => mockSubnetId("Isolated", az)),
        );
        const group = single(prod.children, "aws:elasticache/replicationGroup:ReplicationGroup");
        expect(group.inputs).to.deep.include({
            numCacheClusters: 3,
            automaticFailoverEnabled: true,
            multiAzEnabled: true,
            snapshotRetentionLimit: 7,
            snapshotWindow: "03:00-04:00",
        });
        const cpuAlarms = ofType(prod.children, "aws:cloudwatch/metricAlarm:MetricAlarm").filter(
            alarm => alarm.inputs.metricName === "EngineCPUUtilization",
        );
        expect(cpuAlarms.map(alarm => (alarm.inputs.dimensions as { CacheClusterId: string }).CacheClusterId)).to.deep.equal([
            "sc-prod-cache-rg-001",
            "sc-prod-cache-rg-002",
            "sc-prod-cache-rg-003",
        ]);
        expect(single(prod.children, "aws:cloudwatch/eventRule:EventRule").inputs.scheduleExpression).to.equal("rate(10 minutes)");
        expect(single(prod.children, "aws:apigateway/usagePlan:UsagePlan").inputs.quotaSettings).to.deep.equal({
            limit: 1_000_000,
            period: "DAY",
        });
    });

    it("makes the domain and the stage wait for account-level prerequisites the stack manages", async () => {
        const prerequisite = new aws.sqs.Queue("sc-pre-stand-in-for-account-settings", {});
        const built = await build("sc-pre", { accountPrerequisites: [prerequisite] });
        const urn = await promiseOf(prerequisite.urn);
        expect(single(built.children, "aws:opensearch/domain:Domain").dependencies).to.include(urn);
        expect(single(built.children, "aws:apigateway/stage:Stage").dependencies).to.include(urn);
    });

    it("registers every child under the component with unique URNs, and refuses an invalid domain name", async () => {
        // The network's security groups for the component too: mocks do not catch duplicate URNs.
        const urns = dev.all.map(r => r.urn);
        expect(new Set(urns).size).to.equal(urns.length);
        expect(dev.children.every(child => child.name.startsWith("sc-dev-"))).to.equal(true);
        const { platform } = testPlatform("sc-bad");
        expect(() => new SearchAndCache("sc-bad", { platform, domainName: "Not_Valid" })).to.throw(
            /domainName "Not_Valid" must be 3-28 lower-case letters/,
        );
    });
});
