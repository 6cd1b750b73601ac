// Tier 1: the `stream` source's ingestion under mocks: its own Firehose from the named or external
// stream to raw/<prefix>, partitioned as the file says, or nothing at all on the owner's archive.
import { expect } from "chai";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { archiveBufferDefaults } from "../../../../components/defaults/stream-ingest-defaults";
import { SecureBucket } from "../../../../components/secure-bucket";
import type { KnownStream } from "../../../../components/sources/ingestion";
import { firehoseErrorPrefix, firehosePartitions, streamSourceBuilder } from "../../../../components/sources/stream-source";
import type { SourceDefinition } from "../../../../functions/sources/source-definition";
import type { CapturedResource } from "../../../../scripts/plan/capture";
import { childrenOf, mocked, ofType, promiseOf, single } from "../../../support/pulumi";
import { exampleSource, ingestionFixture, knownStream, sourceOf } from "../../../support/source-ingestion";

type Statement = { Sid?: string; Action: string | string[]; Resource: string | string[] };
const statementsOf = (policy: unknown) => (typeof policy === "string" ? JSON.parse(policy) : policy).Statement as Statement[];
const externalArn = "arn:aws:kinesis:us-east-1:210987654321:stream/partner-events";

function withConfig(source: SourceDefinition, config: Record<string, unknown>): SourceDefinition {
    if (source.type !== "stream") {
        throw new Error("a stream source expected");
    }
    return { ...source, config: { ...source.config, ...config } };
}

async function build(prefix: string, source: SourceDefinition, archived = false) {
    const holder = new pulumi.ComponentResource("dataplatform:test:StreamOwner", `${prefix}-owner`);
    const streams: Record<string, KnownStream> = {};
    const { parent, zone, args } = ingestionFixture(prefix, source, streams);
    const owner = knownStream(prefix, holder, args.platform.encryptionKey);
    streams["stream-ingest"] = archived
        ? { ...owner, archive: { bucket: ownerArchive(prefix, holder, args.platform.encryptionKey), prefix: "raw/events/" } }
        : owner;
    const ingestion = streamSourceBuilder(`${prefix}-src`, args, parent);
    return {
        ingestion,
        args,
        children: await childrenOf(parent.urn),
        streamArn: await promiseOf(owner.stream.arn),
        zoneArn: await promiseOf(zone.bucket.arn),
        zone,
        archive: streams["stream-ingest"].archive,
    };
}

function ownerArchive(prefix: string, parent: pulumi.Resource, key: aws.kms.Key) {
    return new SecureBucket(`${prefix}-archive`, { encryptionKey: key }, { parent }).bucket;
}

const delivery = (children: CapturedResource[]) => single(children, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream");

describe("stream source ingestion", function () {
    this.timeout(60_000);
    before(mocked);

    it("archives StreamIngest's stream to raw/<prefix> with the file's partitions and buffer, GZIP, on the stack key", async () => {
        const built = await build("ss-click", exampleSource("clickstream.yaml"));
        const stream = delivery(built.children);
        expect(stream.inputs.kinesisSourceConfiguration).to.have.property("kinesisStreamArn", built.streamArn);
        const s3 = stream.inputs.extendedS3Configuration as Record<string, unknown>;
        expect(s3).to.include({
            prefix: "raw/events/clicks/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/",
            errorOutputPrefix:
                "rejected/clickstream/firehose/!{firehose:error-output-type}/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/hour=!{timestamp:HH}/",
            bufferingSize: 64,
            bufferingInterval: 300,
            compressionFormat: "GZIP",
            bucketArn: built.zoneArn,
            kmsKeyArn: await promiseOf(built.args.platform.encryptionKey.arn),
        });
        expect(built.ingestion.raw.prefix).to.equal("raw/events/clicks/");
        expect(built.ingestion.dependsOn).to.have.length(1);
    });

    it("gives the delivery a role that reads only that stream and writes only the source's raw and error prefixes", async () => {
        const built = await build("ss-role", exampleSource("clickstream.yaml"));
        const policy = single(built.children, "aws:iam/rolePolicy:RolePolicy");
        const statements = statementsOf(policy.inputs.policy);
        const bySid = (sid: string) => statements.find(s => s.Sid === sid)!;
        expect(bySid("ReadSourceStream").Resource).to.deep.equal([built.streamArn]);
        expect(bySid("WriteArchive").Resource).to.deep.equal([
            built.zoneArn,
            `${built.zoneArn}/raw/events/clicks/*`,
            `${built.zoneArn}/rejected/clickstream/firehose/*`,
        ]);
        const trust = single(built.children, "aws:iam/role:Role").inputs.assumeRolePolicy;
        expect(JSON.stringify(trust)).to.contain("firehose.amazonaws.com");
    });

    it("reads an external stream by its ARN, with the default partitions", async () => {
        const source = withConfig(exampleSource("clickstream.yaml"), { stream: externalArn });
        const built = await build("ss-ext", { ...source, destination: { ...source.destination, partitionBy: ["year", "month", "day"] } });
        const stream = delivery(built.children);
        expect(stream.inputs.kinesisSourceConfiguration).to.have.property("kinesisStreamArn", externalArn);
        expect((stream.inputs.extendedS3Configuration as Record<string, unknown>).prefix).to.equal(
            "raw/events/clicks/year=!{timestamp:yyyy}/month=!{timestamp:MM}/day=!{timestamp:dd}/",
        );
    });

    it("buffers as StreamIngest's archive does when the file says nothing (the largest Firehose allows)", async () => {
        const source = sourceOf("sources/partner.yaml", {
            source: {
                name: "partner_events",
                type: "stream",
                config: { stream: externalArn },
                schema: { type: "jsonl", mapping: { id: "id" } },
                destination: { bucket: "${BUCKET:raw}", prefix: "partner/" },
                redshift: { schema: "partner", table: "events" },
            },
        });
        const s3 = delivery((await build("ss-defaults", source)).children).inputs.extendedS3Configuration as Record<string, unknown>;
        expect(s3).to.include({ bufferingSize: archiveBufferDefaults.sizeMb, bufferingInterval: archiveBufferDefaults.intervalSeconds });
    });

    it("adds nothing for a source on the owner's existing archive, and lands where that archive is", async () => {
        const built = await build("ss-retail", exampleSource("online-retail.json"), true);
        expect(ofType(built.children, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")).to.have.length(0);
        const zoneUrn = await promiseOf(built.zone.urn);
        expect(built.children.filter(child => child.parent !== zoneUrn && child.urn !== zoneUrn)).to.deep.equal([]);
        expect(built.ingestion.raw).to.equal(built.archive);
        expect(built.ingestion.dependsOn).to.deep.equal([]);
    });

    it("refuses an existing archive the program does not have, naming the file", async () => {
        const { parent, args } = ingestionFixture("ss-none", exampleSource("online-retail.json"), {});
        expect(() => streamSourceBuilder("ss-none-src", args, parent)).to.throw(/sources\/online-retail\.json: .*existing.*stream-ingest/);
    });

    it("writes Firehose partitions and error prefixes for any partitioning, none included", () => {
        expect(firehosePartitions(["year", "hour"])).to.equal("year=!{timestamp:yyyy}/hour=!{timestamp:HH}/");
        expect(firehoseErrorPrefix("rejected/x/", [])).to.equal("rejected/x/firehose/");
    });
});
