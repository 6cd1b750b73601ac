// The sandbox reads a Kinesis stream in moto the way an event source mapping hands it to a function.
import { expect } from "chai";
import { PutRecordsCommand } from "@aws-sdk/client-kinesis";
import { localAws } from "../../scripts/sandbox/aws-local";
import { ensureStream } from "../../scripts/sandbox/provision-aws";
import { kinesisSource } from "../../scripts/sandbox/triggers/stream-readers";
import { requireService, settingsFor } from "../support/services";

describe("sandbox stream readers", function () {
    this.timeout(60_000);
    before(() => requireService("moto"));

    it("turns Kinesis records into Lambda's Kinesis event records, in order", async () => {
        const aws = localAws(settingsFor("moto"));
        const arn = await ensureStream(aws, `sandbox-readers-${Date.now()}`, 1);
        const [shard] = await kinesisSource(aws, arn, "TRIM_HORIZON").shards();
        await aws.kinesis.send(
            new PutRecordsCommand({
                StreamARN: arn,
                Records: ["a", "b"].map(id => ({ PartitionKey: id, Data: Buffer.from(JSON.stringify({ id })) })),
            }),
        );
        const records = await shard.read();
        expect(records.map(r => r.event.eventSource)).to.deep.equal(["aws:kinesis", "aws:kinesis"]);
        const payloads = records.map(r => r.event.kinesis as { data: string; partitionKey: string; sequenceNumber: string });
        expect(payloads.map(p => JSON.parse(Buffer.from(p.data, "base64").toString()))).to.deep.equal([{ id: "a" }, { id: "b" }]);
        expect(payloads.map(p => p.partitionKey)).to.deep.equal(["a", "b"]);
        expect(records.map(r => r.sequenceNumber)).to.deep.equal(payloads.map(p => p.sequenceNumber));
        expect(records[0].event.eventSourceARN).to.equal(arn);
        expect(await shard.read()).to.deep.equal([]);
    });
});
