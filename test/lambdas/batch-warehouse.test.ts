// Tier 4: the warehouse runner as InlineLambda would upload it, loaded in a fresh process with only
// the packages its archive ships, pointed at moto. moto has no BatchExecuteStatement, and its
// ExecuteStatement answer carries timestamps SDK v3 cannot parse, so what runs here is the archive,
// its environment contract and its failure behaviour: every failure is a thrown error (a failed
// task for Step Functions), never a result that looks like an answer.
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { BatchWarehouse } from "../../components/batch-warehouse";
import { batchWarehouseArgs, parseBatchWarehouseSettings } from "../../config/batch-warehouse";
import { retailSourceOnly, testIngestion } from "../support/sources";
import { mocked } from "../support/pulumi";
import { testPlatform } from "../support/platform";
import { invokeInFreshProcess, LambdaArchive, materialize } from "../support/serialized-lambda";
import { motoEnvironment, requireService, resetMoto, s3ClientConfig } from "../support/services";

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
            ...batchWarehouseArgs(
                parseBatchWarehouseSettings(() => undefined),
                retailSourceOnly(),
            ),
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
        expect(archive.packages).to.include.members(["@aws-sdk/client-redshift-data", "@aws-sdk/client-s3"]);
        expect(archive.packages).to.not.include.members(["pg", "redis", "@opensearch-project/opensearch", "csv-parse"]);
        expect(archive.environment).to.include.keys(["WAREHOUSE_WORKGROUP", "WAREHOUSE_DATABASE", "PROCESSED_ROOT", "COPY_ROLE_ARN"]);
    });

    it("throws on a load id that could leave its prefix, before any call", async () => {
        const invocation = await invokeInFreshProcess(archive, { action: "load", loadId: "jr_1'; DROP TABLE x; --" }, environment);
        expect(invocation.ok).to.equal(false);
        expect(invocation.error).to.include({ name: "RunnerInputError" });
        expect(invocation.error?.message).to.match(/load id/);
    });

    it("answers no new data, with nothing submitted, when the run wrote no Parquet under its processed prefix", async () => {
        const s3 = new S3Client(s3ClientConfig());
        await s3.send(new CreateBucketCommand({ Bucket: "tier4-zones" }));
        const invocation = await invokeInFreshProcess(archive, { action: "load", loadId: "jr_empty" }, environment);
        expect(invocation.error).to.equal(undefined);
        expect(invocation.result).to.deep.equal({ hasData: false, statementId: null, loadId: "jr_empty" });
    });

    it("throws when the load's first statement (the schema check) gets no usable answer from moto: a failed task, not an answer", async () => {
        const s3 = new S3Client(s3ClientConfig());
        await s3.send(new CreateBucketCommand({ Bucket: "tier4-zones" }));
        const key = "processed/online_retail/load_id=jr_0123456789abcdef/event_date=2010-12-01/part-00000.parquet";
        await s3.send(new PutObjectCommand({ Bucket: "tier4-zones", Key: key, Body: "x" }));
        const invocation = await invokeInFreshProcess(
            archive,
            { action: "load", loadId: "jr_0123456789abcdef" },
            { ...environment, POLL_INTERVAL_MS: "50", POLL_TIMEOUT_MS: "500" },
        );
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
