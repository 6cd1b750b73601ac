// BatchWarehouse under mocks: the resources, their security-relevant settings and their wiring.
import { expect } from "chai";
import { BatchWarehouse, BatchWarehouseArgs } from "../../../components/batch-warehouse";
import { glueScriptFiles } from "../../../components/batch-warehouse/glue-pipeline";
import type { CapturedResource } from "../../../scripts/plan/capture";
import { mockSubnetId } from "../../../scripts/plan/mocks";
import { batchWarehouseArgs, parseBatchWarehouseSettings } from "../../../config/batch-warehouse";
import { retailSourceOnly, testIngestion } from "../../support/sources";

const defaultArgs = () =>
    batchWarehouseArgs(
        parseBatchWarehouseSettings(() => undefined),
        retailSourceOnly(),
    );
import { childrenOf, mocked, promiseOf, single, ofType } from "../../support/pulumi";
import { TestPlatform, testPlatform } from "../../support/platform";

type Statement = { Sid?: string; Action: string[]; Resource: string[]; Condition?: Record<string, Record<string, string[]>> };
const statementsOf = (policy: unknown) => (policy as { Statement: Statement[] }).Statement;

interface Built {
    component: BatchWarehouse;
    children: CapturedResource[];
    test: TestPlatform;
}

async function build(name: string, args: Partial<BatchWarehouseArgs> = {}): Promise<Built> {
    const test = testPlatform(name);
    const config = defaultArgs();
    const ingestion = testIngestion(name, test.core.encryptionKey);
    const component = new BatchWarehouse(name, { platform: test.platform, ...config, ingestion, ...args });
    return { component, children: await childrenOf(component.urn), test };
}

function named(children: CapturedResource[], type: string, name: string): CapturedResource {
    const match = children.find(r => r.type === type && r.name === name);
    if (!match) {
        throw new Error(`no ${type} named ${name}`);
    }
    return match;
}

describe("BatchWarehouse component", function () {
    this.timeout(60_000);
    let built: Built;
    let keyArn: string;
    before(async () => {
        await mocked();
        built = await build("bwu", { usageLimitRpuHours: 6, baseCapacityRpu: 16, numberOfWorkers: 3, workerType: "G.2X" });
        keyArn = await promiseOf(built.test.core.encryptionKey.arn);
    });

    it("registers as dataplatform:pipeline:BatchWarehouse with every child named after it", () => {
        expect(built.children.map(r => r.name).filter(n => !n.startsWith("bwu-"))).to.deep.equal([]);
    });

    it("keeps the zones in one secure bucket with a lifecycle per zone", () => {
        const lifecycle = single(built.children, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules as {
            filter: { prefix?: string };
            expiration?: { days: number };
        }[];
        const expiry = Object.fromEntries(lifecycle.filter(r => r.expiration).map(r => [r.filter.prefix, r.expiration!.days]));
        expect(expiry).to.deep.equal({ "raw/": 90, "processed/": 365, "rejected/": 90, "tmp/": 7 }); // curated: kept
        expect(single(built.children, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).to.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
    });

    it("encrypts Glue's S3 output, logs and bookmarks with the stack key and puts it on the crawler and the job", () => {
        const security = single(built.children, "aws:glue/securityConfiguration:SecurityConfiguration").inputs;
        expect(security.encryptionConfiguration).to.deep.equal({
            s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: keyArn },
            cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: keyArn },
            jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: keyArn },
        });
        const crawler = single(built.children, "aws:glue/crawler:Crawler").inputs;
        const job = single(built.children, "aws:glue/job:Job").inputs;
        expect(crawler.securityConfiguration).to.equal(security.name);
        expect(job.securityConfiguration).to.equal(security.name);
        expect(crawler.schemaChangePolicy).to.deep.equal({ deleteBehavior: "LOG", updateBehavior: "LOG" });
    });

    it("runs the job on Glue 5.0 with bookmarks, the configured workers, the network connection and the repo's script", async () => {
        const job = single(built.children, "aws:glue/job:Job").inputs as Record<string, unknown> & {
            defaultArguments: Record<string, string>;
            command: Record<string, string>;
        };
        expect(job).to.include({ glueVersion: "5.0", workerType: "G.2X", numberOfWorkers: 3, maxRetries: 0 });
        expect(job.defaultArguments["--job-bookmark-option"]).to.equal("job-bookmark-enable");
        expect(JSON.parse(job.defaultArguments["--source_config"]).name).to.equal("online_retail");
        const objects = ofType(built.children, "aws:s3/bucketObjectv2:BucketObjectv2").map(o => o.inputs.key);
        expect(objects).to.have.members([glueScriptFiles.entry, ...glueScriptFiles.modules].map(f => `artifacts/glue/${f}`));
        expect(job.command.scriptLocation).to.match(/\/artifacts\/glue\/batch_warehouse_job\.py$/);
        expect(job.defaultArguments["--extra-py-files"].split(",")).to.have.length(2);
        const connection = single(built.children, "aws:glue/connection:Connection").inputs as {
            physicalConnectionRequirements: { subnetId: string };
        };
        expect(job.connections).to.deep.equal([single(built.children, "aws:glue/connection:Connection").inputs.name]);
        expect(connection.physicalConnectionRequirements.subnetId).to.equal(mockSubnetId("Private", 0));
    });

    it("encrypts the namespace with the stack key, manages its admin password and attaches only the COPY role", async () => {
        const namespace = single(built.children, "aws:redshiftserverless/namespace:Namespace").inputs;
        expect(namespace).to.include({
            kmsKeyId: keyArn,
            manageAdminPassword: true,
            adminPasswordSecretKmsKeyId: keyArn,
            dbName: "warehouse",
        });
        expect(namespace.adminUserPassword).to.equal(undefined);
        const roles = namespace.iamRoles as string[];
        expect(roles).to.have.length(1);
        expect(roles[0]).to.contain("bwu-copy");
        expect(namespace.defaultIamRoleArn).to.equal(roles[0]);
        const copyPolicy = statementsOf(named(built.children, "aws:iam/rolePolicy:RolePolicy", "bwu-copy").inputs.policy);
        const s3 = copyPolicy.filter(s => s.Action.some(a => a.startsWith("s3:")));
        expect(
            s3
                .map(s => s.Resource)
                .flat()
                .every(r => r.endsWith("/processed/*") || !r.includes("/")),
        ).to.equal(true);
        expect(s3.find(s => s.Action.includes("s3:ListBucket"))?.Condition).to.deep.equal({ StringLike: { "s3:prefix": ["processed/*"] } });
    });

    it("lets the runner list only the processed zone of the zones bucket (the no-new-data check), and read no object", async () => {
        const runnerPolicies = built.children.filter(r => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name.startsWith("bwu-runner"));
        const s3 = runnerPolicies.flatMap(r => statementsOf(r.inputs.policy)).filter(s => s.Action.some(a => a.startsWith("s3:")));
        const zonesArn = await promiseOf(built.component.zonesBucket.arn);
        expect(s3).to.deep.equal([
            {
                Sid: "ListLoadPrefixes",
                Effect: "Allow",
                Action: ["s3:ListBucket"],
                Resource: [zonesArn],
                Condition: { StringLike: { "s3:prefix": ["processed/*"] } },
            },
        ]);
    });

    it("puts the workgroup in the three isolated subnets, private, with enhanced VPC routing, TLS and the configured capacity and usage limit", () => {
        const workgroup = single(built.children, "aws:redshiftserverless/workgroup:Workgroup").inputs;
        expect(workgroup).to.include({ publiclyAccessible: false, enhancedVpcRouting: true, baseCapacity: 16 });
        expect(workgroup.subnetIds).to.deep.equal([0, 1, 2].map(az => mockSubnetId("Isolated", az)));
        expect(workgroup.configParameters).to.deep.equal([{ parameterKey: "require_ssl", parameterValue: "true" }]);
        expect(single(built.children, "aws:redshiftserverless/usageLimit:UsageLimit").inputs).to.include({
            usageType: "serverless-compute",
            amount: 6,
            period: "daily",
            breachAction: "deactivate",
        });
    });

    it("runs a standard state machine logging ALL (execution data off by default), with X-Ray and the stack key, on a schedule", () => {
        const machine = single(built.children, "aws:sfn/stateMachine:StateMachine").inputs as Record<string, unknown> & {
            definition: string;
        };
        expect(machine.type).to.equal("STANDARD");
        expect(machine.loggingConfiguration).to.deep.include({ level: "ALL", includeExecutionData: false });
        expect(machine.tracingConfiguration).to.deep.equal({ enabled: true });
        expect(machine.encryptionConfiguration).to.deep.include({ type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: keyArn });
        const definition = JSON.parse(machine.definition) as { States: Record<string, { Resource?: string }> };
        expect(
            Object.values(definition.States)
                .map(s => s.Resource)
                .filter(Boolean),
        ).to.include.members([
            "arn:aws:states:::aws-sdk:glue:startCrawler",
            "arn:aws:states:::glue:startJobRun.sync",
            "arn:aws:states:::aws-sdk:redshiftdata:describeStatement",
            "arn:aws:states:::sns:publish",
        ]);
        const logGroup = named(built.children, "aws:cloudwatch/logGroup:LogGroup", "bwu-runs").inputs;
        expect(logGroup.kmsKeyId).to.equal(keyArn);
        const schedule = single(built.children, "aws:scheduler/schedule:Schedule").inputs as {
            scheduleExpression: string;
            target: Record<string, unknown>;
        };
        expect(schedule.scheduleExpression).to.equal("cron(0 2 * * ? *)");
        expect(String((schedule.target.deadLetterConfig as { arn: string }).arn)).to.contain("bwu-schedule-dlq");
        expect(String(schedule.target.roleArn)).to.contain("bwu-schedule");
        const rolePolicy = named(built.children, "aws:iam/rolePolicy:RolePolicy", "bwu-schedule").inputs;
        const actions = statementsOf(rolePolicy.policy).flatMap(statement => statement.Action);
        expect(actions).to.have.members(["states:StartExecution", "sqs:SendMessage", "kms:Decrypt", "kms:GenerateDataKey"]);
        const alarm = named(built.children, "aws:cloudwatch/metricAlarm:MetricAlarm", "bwu-schedule-dlq").inputs;
        expect(alarm).to.deep.include({ namespace: "AWS/SQS", metricName: "ApproximateNumberOfMessagesVisible" });
    });

    it("logs execution data only when asked (dev), never by default (prod)", async () => {
        const dev = await build("bwd", { logExecutionData: true });
        const machine = single(dev.children, "aws:sfn/stateMachine:StateMachine").inputs;
        expect(machine.loggingConfiguration).to.deep.include({ includeExecutionData: true });
    });

    it("alarms on failed, timed-out and throttled executions, Glue task failures and the usage limit", () => {
        const alarms = ofType(built.children, "aws:cloudwatch/metricAlarm:MetricAlarm").map(
            a => `${a.inputs.namespace} ${a.inputs.metricName}`,
        );
        expect(alarms).to.include.members([
            "AWS/States ExecutionsFailed",
            "AWS/States ExecutionsTimedOut",
            "AWS/States ExecutionThrottled",
            "Glue glue.driver.aggregate.numFailedTasks",
            "AWS/Redshift-Serverless ComputeSeconds",
        ]);
    });

    it("reads the StreamIngest archive it is given: crawler and job read that bucket's prefix", async () => {
        const test = testPlatform("bws");
        const ingestion = testIngestion("bws", test.core.encryptionKey);
        const component = new BatchWarehouse("bws", { platform: test.platform, ...defaultArgs(), ingestion });
        const children = await childrenOf(component.urn);
        const archiveName = await promiseOf(ingestion.streams["stream-ingest"].archive!.bucket.bucket);
        const crawler = single(children, "aws:glue/crawler:Crawler").inputs as { s3Targets: { path: string }[] };
        expect(crawler.s3Targets[0].path).to.equal(`s3://${archiveName}/raw/events/`);
        const job = single(children, "aws:glue/job:Job").inputs as { defaultArguments: Record<string, string> };
        expect(job.defaultArguments["--raw_path"]).to.equal(`s3://${archiveName}/raw/events/`);
    });

    it("refuses to be built without a source", () => {
        const test = testPlatform("bwx");
        expect(
            () =>
                new BatchWarehouse("bwx", {
                    platform: test.platform,
                    ...defaultArgs(),
                    sources: [],
                    ingestion: testIngestion("bwx", test.core.encryptionKey),
                }),
        ).to.throw(/no sources/);
    });
});
