import { expect } from "chai";
import { S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import * as pulumi from "@pulumi/pulumi";
import { assertLeastPrivilege } from "../../../components/iam";
import { InlineLambda, InlineLambdaArgs } from "../../../components/inline-lambda";
import { mockSubnetId } from "../../../scripts/plan/mocks";
import { inspectObjects } from "../../lambdas/fixtures/object-inspector";
import { childrenOf, mocked, ofType, promiseOf, single } from "../../support/pulumi";
import { testPlatform } from "../../support/platform";
import { materialize } from "../../support/serialized-lambda";

type Statement = { Sid?: string; Action: string[]; Resource: string[] };

function inspectorArgs(prefix: string, overrides: Partial<InlineLambdaArgs<S3Event, unknown>> = {}): InlineLambdaArgs<S3Event, unknown> {
    const { platform, network } = testPlatform(prefix);
    return {
        platform,
        description: "inspects objects",
        handlerFactory: () => {
            const s3 = new S3Client({});
            return event => inspectObjects(s3, event);
        },
        packages: ["@aws-sdk/client-s3"],
        permissions: [{ sid: "ReadObjects", actions: ["s3:GetObject"], resources: ["arn:aws:s3:::bucket/*"] }],
        securityGroup: network.clientSecurityGroup(`${prefix}-sg`, "inspector"),
        invocation: { kind: "async" },
        ...overrides,
    };
}

function statementsOf(policy: unknown): Statement[] {
    return (policy as { Statement: Statement[] }).Statement;
}

describe("InlineLambda", () => {
    before(mocked);

    it("pins runtime and architecture, runs in the private tier with its security group, traces and logs to its own encrypted group", async () => {
        const args = inspectorArgs("fn-basic");
        const lambda = new InlineLambda("fn-basic", args);
        const children = await childrenOf(lambda.urn);
        const fn = single(children, "aws:lambda/function:Function");
        expect(fn.inputs.runtime).to.equal("nodejs24.x");
        expect(fn.inputs.architectures).to.deep.equal(["arm64"]);
        expect(fn.inputs.handler).to.equal("__index.handler");
        expect(fn.inputs.vpcConfig).to.deep.equal({
            subnetIds: [0, 1, 2].map(az => mockSubnetId("Private", az)),
            securityGroupIds: [await promiseOf(args.securityGroup.id)],
        });
        expect(fn.inputs.tracingConfig).to.deep.equal({ mode: "Active" });
        expect(fn.inputs.timeout).to.equal(30);
        expect(fn.inputs.memorySize).to.equal(256);
        expect(fn.inputs.kmsKeyArn).to.equal(await promiseOf(args.platform.encryptionKey.arn));
        const logGroup = single(children, "aws:cloudwatch/logGroup:LogGroup");
        expect((fn.inputs.loggingConfig as { logGroup: string }).logGroup).to.equal(await promiseOf(lambda.logGroup.name));
        expect(logGroup.inputs.kmsKeyId).to.equal(await promiseOf(args.platform.encryptionKey.arn));
        expect(logGroup.inputs.retentionInDays).to.equal(30);
    });

    it("uses an explicit role with the caller's statements and no managed policy attachments", async () => {
        const lambda = new InlineLambda("fn-role", inspectorArgs("fn-role"));
        const children = await childrenOf(lambda.urn);
        expect(ofType(children, "aws:iam/rolePolicyAttachment:RolePolicyAttachment")).to.deep.equal([]);
        const role = single(children, "aws:iam/role:Role");
        expect(role.inputs.managedPolicyArns).to.equal(undefined);
        expect(JSON.stringify(role.inputs.assumeRolePolicy)).to.contain("lambda.amazonaws.com").and.contain("aws:SourceAccount");
        const fn = single(children, "aws:lambda/function:Function");
        expect(fn.inputs.role).to.equal(await promiseOf(lambda.role.arn));
        const statements = statementsOf(single(children, "aws:iam/rolePolicy:RolePolicy").inputs.policy);
        const bySid = new Map(statements.map(s => [s.Sid, s]));
        expect(bySid.get("ReadObjects")).to.deep.include({ Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::bucket/*"] });
        expect(bySid.get("WriteOwnLogs")!.Resource).to.deep.equal([`${await promiseOf(lambda.logGroup.arn)}:*`]);
        expect(bySid.get("AttachToPrivateSubnets")!.Resource.every(arn => arn.startsWith("arn:aws:ec2:us-east-1:123456789012:"))).to.equal(
            true,
        );
        expect(statements.flatMap(s => s.Action).filter(a => a === "*" || a.endsWith(":*"))).to.deep.equal([]);
    });

    it("uploads one minified file bundling the packages it names, and nothing it does not use", async () => {
        const lambda = new InlineLambda("fn-packages", inspectorArgs("fn-packages"));
        const archive = await materialize(lambda);
        expect(archive.files).to.deep.equal(["__index.js"]);
        expect(archive.packages).to.deep.equal(["@aws-sdk/client-s3"]);
        const bundle = await lambda.bundle;
        // client-s3's own dependencies come along inside the one file.
        expect(bundle.bundledPackages).to.include.members(["@aws-sdk/client-s3", "@aws-sdk/credential-provider-node", "@smithy/core"]);
        for (const unwanted of [
            "pg",
            "redis",
            "@opensearch-project/opensearch",
            "csv-parse",
            "typescript",
            "mocha",
            "@pulumi/pulumi",
            "@pulumi/aws",
        ]) {
            expect(bundle.bundledPackages).not.to.include(unwanted);
        }
        expect(archive.source).not.to.contain('require("@aws-sdk/client-s3")');
    });

    it("fails construction naming a package the code reaches but `packages` does not name", async () => {
        const lambda = new InlineLambda("fn-unnamed", inspectorArgs("fn-unnamed", { packages: [] }));
        const failure = await lambda.bundle.then(
            () => undefined,
            (error: Error) => error.message,
        );
        expect(failure).to.equal(
            'InlineLambda fn-unnamed: the code reaches @aws-sdk/client-s3, which its `packages` do not name; add it (and to package.json "dependencies") or stop using it',
        );
    });

    it("marks the code a secret when the callback captures one, as CallbackFunction does", async () => {
        const token = pulumi.secret("captured-token");
        const lambda = new InlineLambda(
            "fn-secret",
            inspectorArgs("fn-secret", {
                packages: [],
                handlerFactory: () => async () => token.get().length,
            }),
        );
        expect(await pulumi.isSecret(lambda.function.code)).to.equal(true);
        const plain = new InlineLambda("fn-plain", inspectorArgs("fn-plain"));
        expect(await pulumi.isSecret(plain.function.code)).to.equal(false);
    });

    it("refuses wildcard actions, write actions on any resource, and packages that are not dependencies", () => {
        expect(() => assertLeastPrivilege("t", [{ actions: ["s3:*"], resources: ["arn:aws:s3:::b"] }])).to.throw(/"s3:\*" is a wildcard/);
        expect(() => assertLeastPrivilege("t", [{ actions: ["s3:PutObject"], resources: ["*"] }])).to.throw(
            /s3:PutObject is granted on Resource "\*"/,
        );
        expect(() =>
            assertLeastPrivilege("t", [{ actions: ["xray:PutTraceSegments", "ec2:DescribeSubnets"], resources: ["*"] }]),
        ).not.to.throw();
        expect(() => new InlineLambda("fn-bad-package", inspectorArgs("fn-bad-package", { packages: ["mocha"] }))).to.throw(
            /packages mocha must be listed in package.json "dependencies"/,
        );
    });

    it("gives asynchronous callers bounded retries, an encrypted TLS-only failure queue and alarms on errors and failures", async () => {
        const args = inspectorArgs("fn-async");
        const lambda = new InlineLambda("fn-async", args);
        const children = await childrenOf(lambda.urn);
        const queue = single(children, "aws:sqs/queue:Queue");
        expect(queue.inputs.kmsMasterKeyId).to.equal(await promiseOf(args.platform.encryptionKey.arn));
        const queuePolicy = JSON.stringify(single(children, "aws:sqs/queuePolicy:QueuePolicy").inputs.policy);
        expect(queuePolicy).to.contain('"Effect":"Deny"').and.contain('"aws:SecureTransport":"false"');
        const invokeConfig = single(children, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig");
        expect(invokeConfig.inputs.maximumRetryAttempts).to.equal(2);
        expect(invokeConfig.inputs.destinationConfig).to.deep.equal({
            onFailure: { destination: await promiseOf(lambda.failureQueue!.arn) },
        });
        const alarms = ofType(children, "aws:cloudwatch/metricAlarm:MetricAlarm");
        expect(alarms.map(a => a.inputs.metricName)).to.have.members(["Errors", "ApproximateNumberOfMessagesVisible"]);
        const topicArn = await promiseOf(pulumi.output(args.platform.alarmTopicArn));
        expect(alarms.every(a => JSON.stringify(a.inputs.alarmActions) === JSON.stringify([topicArn]))).to.equal(true);
        expect(ofType(children, "aws:lambda/eventSourceMapping:EventSourceMapping")).to.deep.equal([]);
    });

    it("gives stream consumers a mapping with partial batch failures, bisect, bounded retries and age, and a failure destination", async () => {
        const streamArn = "arn:aws:kinesis:us-east-1:123456789012:stream/events";
        const lambda = new InlineLambda(
            "fn-stream",
            inspectorArgs("fn-stream", { invocation: { kind: "stream", source: "kinesis", eventSourceArn: streamArn, batchSize: 50 } }),
        );
        const children = await childrenOf(lambda.urn);
        const mapping = single(children, "aws:lambda/eventSourceMapping:EventSourceMapping");
        expect(mapping.inputs).to.deep.include({
            eventSourceArn: streamArn,
            startingPosition: "TRIM_HORIZON",
            batchSize: 50,
            bisectBatchOnFunctionError: true,
            maximumRetryAttempts: 10,
            maximumRecordAgeInSeconds: 86400,
            parallelizationFactor: 1,
        });
        expect(mapping.inputs.functionResponseTypes).to.deep.equal(["ReportBatchItemFailures"]);
        expect(mapping.inputs.destinationConfig).to.deep.equal({
            onFailure: { destinationArn: await promiseOf(lambda.failureQueue!.arn) },
        });
        const statements = statementsOf(single(children, "aws:iam/rolePolicy:RolePolicy").inputs.policy);
        expect(statements.find(s => s.Sid === "ReadKinesisStream")!.Resource).to.deep.equal([streamArn]);
        expect(ofType(children, "aws:cloudwatch/metricAlarm:MetricAlarm").map(a => a.inputs.metricName)).to.include("IteratorAge");
    });

    it("gives synchronous callers no failure queue, and scopes invoke permissions by source ARN and account", async () => {
        const lambda = new InlineLambda("fn-sync", inspectorArgs("fn-sync", { invocation: { kind: "sync" } }));
        lambda.allowInvocation("api", "apigateway.amazonaws.com", "arn:aws:execute-api:us-east-1:123456789012:api/*/GET/search");
        const children = await childrenOf(lambda.urn);
        expect(ofType(children, "aws:sqs/queue:Queue")).to.deep.equal([]);
        expect(lambda.failureQueue).to.equal(undefined);
        const permission = single(children, "aws:lambda/permission:Permission");
        expect(permission.inputs).to.deep.include({
            action: "lambda:InvokeFunction",
            principal: "apigateway.amazonaws.com",
            sourceArn: "arn:aws:execute-api:us-east-1:123456789012:api/*/GET/search",
            sourceAccount: "123456789012",
        });
    });
});
