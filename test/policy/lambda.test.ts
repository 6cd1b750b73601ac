import { expect } from "chai";
import { lambdaPermissionScoped, lambdaTracingActive, streamMappingFailureHandling } from "../../policy/rules/lambda";
import { check, resource, unknownAtPreview } from "../support/policy";

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
