import { expect } from "chai";
import {
    lambdaInPrivateSubnets,
    lambdaInVpc,
    lambdaPermissionScoped,
    lambdaTracingActive,
    streamMappingFailureHandling,
} from "../../policy/rules/lambda";
import { check, resource, unknownAtPreview } from "../support/policy";
import {
    lambdaAsyncFailureDestination,
    lambdaSizedExplicitly,
    lambdaSupportedRuntime,
    lambdaUrlAuthenticated,
} from "../../policy/rules/lambda";
import { describeRule } from "../support/rule-cases";

describe("policy: lambda-permission-scoped", () => {
    it("passes a service principal with source ARN and account, both unknown at preview", async () => {
        const ok = resource("aws:lambda/permission:Permission", "ok", {
            principal: "s3.amazonaws.com",
            sourceArn: unknownAtPreview,
            sourceAccount: unknownAtPreview,
        });
        expect(await check([lambdaPermissionScoped], ok)).to.deep.equal([]);
    });

    it("reports a public principal and missing source scoping (the s3 mixin omits sourceAccount)", async () => {
        const open = resource("aws:lambda/permission:Permission", "open", {
            principal: "*",
            sourceArn: "arn:aws:s3:::b",
            sourceAccount: "1",
        });
        const mixin = resource("aws:lambda/permission:Permission", "mixin", { principal: "s3.amazonaws.com", sourceArn: unknownAtPreview });
        const violations = await check([lambdaPermissionScoped], open, mixin);
        expect(violations.map(v => v.message)).to.deep.equal([
            "Lambda permission open lets anyone invoke the function",
            "Lambda permission mixin has no sourceAccount: any s3.amazonaws.com resource could invoke the function",
        ]);
    });
});

describe("policy: stream-mapping-failure-handling", () => {
    const safe = {
        eventSourceArn: unknownAtPreview,
        startingPosition: "TRIM_HORIZON",
        functionResponseTypes: ["ReportBatchItemFailures"],
        bisectBatchOnFunctionError: true,
        maximumRetryAttempts: 10,
        maximumRecordAgeInSeconds: 86400,
        destinationConfig: { onFailure: { destinationArn: unknownAtPreview } },
    };

    it("passes a mapping with every safeguard, and ignores queue mappings", async () => {
        const stream = resource("aws:lambda/eventSourceMapping:EventSourceMapping", "stream", safe);
        const queue = resource("aws:lambda/eventSourceMapping:EventSourceMapping", "queue", {
            eventSourceArn: unknownAtPreview,
            batchSize: 10,
        });
        expect(await check([streamMappingFailureHandling], stream, queue)).to.deep.equal([]);
    });

    it("reports what the mixins leave at AWS's defaults", async () => {
        const mixin = resource("aws:lambda/eventSourceMapping:EventSourceMapping", "mixin", {
            eventSourceArn: unknownAtPreview,
            startingPosition: "LATEST",
        });
        const violations = await check([streamMappingFailureHandling], mixin);
        expect(violations.map(v => [v.level, v.message])).to.deep.equal([
            [
                "mandatory",
                "event source mapping mixin: functionResponseTypes lacks ReportBatchItemFailures; bisectBatchOnFunctionError is off; retries are unbounded; record age is unbounded; no on-failure destination",
            ],
        ]);
        const forever = resource("aws:lambda/eventSourceMapping:EventSourceMapping", "forever", { ...safe, maximumRetryAttempts: -1 });
        expect((await check([streamMappingFailureHandling], forever)).map(v => v.message)).to.deep.equal([
            "event source mapping forever: retries are unbounded",
        ]);
    });
});

describe("policy: lambda-tracing-active", () => {
    it("is advisory and reports functions without active tracing", async () => {
        const traced = resource("aws:lambda/function:Function", "traced", { tracingConfig: { mode: "Active" } });
        const dark = resource("aws:lambda/function:Function", "dark", { tracingConfig: { mode: "PassThrough" } });
        expect((await check([lambdaTracingActive], traced, dark)).map(v => [v.urn, v.level])).to.deep.equal([[dark.urn, "advisory"]]);
    });
});

const subnet = (name: string, tier: string, extra: Record<string, unknown> = {}) =>
    resource("aws:ec2/subnet:Subnet", name, {
        mapPublicIpOnLaunch: tier === "public",
        tags: { "dataplatform:tier": tier, SubnetType: tier },
        ...extra,
    });

describe("policy: lambda-in-vpc", () => {
    it("passes a function whose subnets and security groups are unknown at preview", async () => {
        const fn = resource("aws:lambda/function:Function", "fn", {
            vpcConfig: { subnetIds: unknownAtPreview, securityGroupIds: [unknownAtPreview] },
        });
        expect(await check([lambdaInVpc], fn)).to.deep.equal([]);
    });

    it("reports a function outside the VPC or with empty subnets", async () => {
        const outside = resource("aws:lambda/function:Function", "outside", { runtime: "nodejs24.x" });
        const empty = resource("aws:lambda/function:Function", "empty", { vpcConfig: { subnetIds: [], securityGroupIds: ["sg-1"] } });
        const violations = await check([lambdaInVpc], outside, empty);
        expect(violations.map(v => v.message)).to.deep.equal([
            "Lambda outside has no vpcConfig: it runs outside the VPC",
            "Lambda empty has no subnetIds in its vpcConfig",
        ]);
    });
});

describe("policy: lambda-in-private-subnets", () => {
    it("passes functions whose vpcConfig depends on private or isolated subnets", async () => {
        const subnets = [subnet("p1", "private"), subnet("i1", "isolated")];
        const fn = resource(
            "aws:lambda/function:Function",
            "fn",
            { vpcConfig: { subnetIds: unknownAtPreview } },
            { propertyDependencies: { vpcConfig: subnets } },
        );
        expect(await check([lambdaInPrivateSubnets], fn, ...subnets)).to.deep.equal([]);
    });

    it("reports public subnets, subnets that assign public IPs, untagged subnets and unverifiable placement", async () => {
        const pub = subnet("pub", "public");
        const sneaky = subnet("sneaky", "private", { mapPublicIpOnLaunch: true });
        const untagged = resource("aws:ec2/subnet:Subnet", "untagged", { tags: {} });
        const inPublic = resource(
            "aws:lambda/function:Function",
            "in-public",
            { vpcConfig: {} },
            { propertyDependencies: { vpcConfig: [pub, sneaky, untagged] } },
        );
        const fromConfig = resource("aws:lambda/function:Function", "from-config", { vpcConfig: { subnetIds: ["subnet-123"] } });
        const violations = await check([lambdaInPrivateSubnets], inPublic, fromConfig, pub, sneaky, untagged);
        expect(violations.map(v => v.message)).to.deep.equal([
            "aws:lambda/function:Function in-public is placed in subnet pub, which assigns public IPs",
            "aws:lambda/function:Function in-public is placed in subnet sneaky, which assigns public IPs",
            "aws:lambda/function:Function in-public is placed in subnet untagged of tier (untagged); allowed: private, isolated",
            "aws:lambda/function:Function from-config: cannot verify its subnets: vpcConfig depends on no subnet of this stack",
        ]);
        expect(violations.every(v => v.level === "mandatory")).to.equal(true);
    });
});

const functionType = "aws:lambda/function:Function";
describeRule({
    rule: lambdaSupportedRuntime,
    type: functionType,
    compliant: { runtime: "nodejs24.x", role: unknownAtPreview },
    violating: { "a deprecated runtime": { runtime: "nodejs16.x" }, "no runtime (CallbackFunction's default)": { role: unknownAtPreview } },
    unknown: { runtime: unknownAtPreview },
});
describeRule({
    rule: lambdaSizedExplicitly,
    type: functionType,
    compliant: { memorySize: 256, timeout: 10 },
    violating: { "the defaults": {}, "no timeout": { memorySize: 256 } },
    unknown: { memorySize: unknownAtPreview, timeout: 10 },
});
describeRule({
    rule: lambdaAsyncFailureDestination,
    type: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    compliant: { functionName: unknownAtPreview, destinationConfig: { onFailure: { destination: unknownAtPreview } } },
    violating: { "no destination": { functionName: unknownAtPreview, maximumRetryAttempts: 2 } },
    unknown: { functionName: unknownAtPreview, destinationConfig: unknownAtPreview },
});
describeRule({
    rule: lambdaUrlAuthenticated,
    type: "aws:lambda/functionUrl:FunctionUrl",
    compliant: { functionName: unknownAtPreview, authorizationType: "AWS_IAM" },
    violating: { "an open URL": { functionName: unknownAtPreview, authorizationType: "NONE" } },
    unknown: { functionName: unknownAtPreview, authorizationType: unknownAtPreview },
});
