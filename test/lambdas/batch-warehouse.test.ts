// Tier 4: the warehouse runner as InlineLambda would upload it, loaded in a fresh process with only
// the packages its archive ships, pointed at moto. moto has no BatchExecuteStatement, and its
// ExecuteStatement answer carries timestamps SDK v3 cannot parse, so what runs here is the archive,
// its environment contract and its failure behaviour: every failure is a thrown error (a failed
// task for Step Functions), never a result that looks like an answer.
import { expect } from "chai";
import { BatchWarehouse } from "../../components/batch-warehouse";
import { batchWarehouseArgs, parseBatchWarehouseSettings } from "../../config/batch-warehouse";
import { retailSourceOnly, testIngestion } from "../support/sources";
import { mocked } from "../support/pulumi";
import { testPlatform } from "../support/platform";
import { invokeInFreshProcess, LambdaArchive, materialize } from "../support/serialized-lambda";
import { motoEnvironment, requireService, resetMoto } from "../support/services";

describe("BatchWarehouse runner, serialized (tier 4)", function () {
    this.timeout(120_000);
    let archive: LambdaArchive;
    let environment: Record<string, string>;

    before(async () => {
        await requireService("moto");
        await resetMoto();
        await mocked();
        const { platform } = testPlatform("tier4-bw");
        const component = new BatchWarehouse("tier4-bw", {
            platform,
            ...batchWarehouseArgs(parseBatchWarehouseSettings(() => undefined), retailSourceOnly()),
            ingestion: testIngestion("tier4-bw", platform.encryptionKey),
        });
        archive = await materialize(component.runner);
        environment = {
            ...motoEnvironment(),
            WAREHOUSE_WORKGROUP: "tier4-workgroup",
            WAREHOUSE_DATABASE: "warehouse",
            PROCESSED_ROOT: "s3://tier4-zones/processed",
            COPY_ROLE_ARN: "arn:aws:iam::123456789012:role/tier4-copy",
        };
    });

    it("ships the Data API client and none of the other pipelines' packages, and is told where the warehouse is", () => {
        expect(archive.packages).to.include("@aws-sdk/client-redshift-data");
        expect(archive.packages).to.not.include.members(["pg", "redis", "@opensearch-project/opensearch", "csv-parse"]);
        expect(archive.environment).to.include.keys(["WAREHOUSE_WORKGROUP", "WAREHOUSE_DATABASE", "PROCESSED_ROOT", "COPY_ROLE_ARN"]);
    });

    it("throws on a load id that could leave its prefix, before any call", async () => {
        const invocation = await invokeInFreshProcess(archive, { action: "load", loadId: "jr_1'; DROP TABLE x; --" }, environment);
        expect(invocation.ok).to.equal(false);
        expect(invocation.error).to.include({ name: "RunnerInputError" });
        expect(invocation.error?.message).to.match(/load id/);
    });

    it("throws when the Data API refuses the batch (moto does not implement it): a failed task, not an answer", async () => {
        const invocation = await invokeInFreshProcess(archive, { action: "load", loadId: "jr_0123456789abcdef" }, environment);
        expect(invocation.ok).to.equal(false);
        expect(invocation.result).to.equal(undefined);
        expect(invocation.error?.message).to.not.equal("");
    });

    it("throws on an unknown action", async () => {
        const invocation = await invokeInFreshProcess(archive, { action: "vacuum" }, environment);
        expect(invocation.error).to.include({ name: "RunnerInputError", message: 'unknown action "vacuum"' });
    });

    it("refuses to start without its environment", async () => {
        const { WAREHOUSE_WORKGROUP: _unset, ...partial } = environment;
        const invocation = await invokeInFreshProcess(archive, { action: "quality" }, { ...partial, WAREHOUSE_WORKGROUP: "" });
        expect(invocation.error?.message).to.equal("environment variable WAREHOUSE_WORKGROUP is not set");
    });
});
