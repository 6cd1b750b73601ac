// How the sandbox delivers a stream batch, against a real function process and moto's SQS:
// partial batch responses retry from the first failed record, errors bisect the batch and retry a
// bounded number of times, and what still fails lands in the failure queue as Lambda describes it.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CreateQueueCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { localAws } from "../../scripts/sandbox/aws-local";
import { FunctionContainer } from "../../scripts/sandbox/function-process";
import type { SandboxFunction } from "../../scripts/sandbox/functions";
import type { GraphResource } from "../../scripts/sandbox/graph";
import { InvocationLog } from "../../scripts/sandbox/invocation-log";
import { deliverBatch, MappingSettings } from "../../scripts/sandbox/triggers/batch-delivery";
import type { StreamRecord } from "../../scripts/sandbox/triggers/stream-readers";
import { requireService, settingsFor } from "../support/services";

// Fails a batch holding a "poison" record; reports a "flaky" record failed the first time it is seen
// (module state: it survives between invocations of one container).
const handlerSource = `
const seen = new Set();
exports.handler = async event => {
    if (event.Records.some(r => r.mode === "poison")) throw new Error("poison in batch");
    const failed = event.Records.filter(r => r.mode === "flaky" && !seen.has(r.seq));
    failed.forEach(r => seen.add(r.seq));
    return { batchItemFailures: failed.map(r => ({ itemIdentifier: r.seq })) };
};`;

function records(modes: string[]): StreamRecord[] {
    return modes.map((mode, index) => ({ sequenceNumber: String(index), arrivedAt: Date.now(), event: { seq: String(index), mode } }));
}

describe("sandbox stream batch delivery", function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-batch-"));
    let fn: SandboxFunction;
    const aws = () => localAws(settingsFor("moto"));

    before(async () => {
        await requireService("moto");
        fs.writeFileSync(path.join(dir, "index.js"), handlerSource);
        const container = new FunctionContainer(
            "batch-fn",
            { dir, entry: "index.js", exportName: "handler", files: ["index.js"] },
            { PATH: process.env.PATH ?? "" },
            10_000,
            () => undefined,
        );
        const resource = { outputs: { arn: "arn:aws:lambda:us-east-1:123456789012:function/batch-fn" } } as unknown as GraphResource;
        fn = { resource, name: "batch-fn", pipeline: "test", container, environment: {}, unmapped: [], files: ["index.js"] };
    });
    after(async () => {
        await fn.container.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    const settings = (failureQueueUrl?: string): MappingSettings => ({
        source: "dynamodb",
        streamArn: "arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/1",
        shardId: "shard-1",
        maximumRetryAttempts: 2,
        bisectOnError: true,
        reportBatchItemFailures: true,
        failureQueueUrl,
    });

    it("retries from the first record a partial batch response names", async () => {
        const log = new InvocationLog();
        await deliverBatch(fn, records(["ok", "ok", "flaky", "ok"]), settings(), aws(), log);
        const sizes = log
            .latest()
            .reverse()
            .map(r => [r.trigger.split(" ")[1], r.outcome]);
        expect(sizes).to.deep.equal([
            ["4", "partial"],
            ["2", "ok"],
        ]);
    });

    it("bisects a failing batch, gives up on the poison record after its retries and sends it to the failure queue", async () => {
        const { QueueUrl } = await aws().sqs.send(new CreateQueueCommand({ QueueName: `sandbox-batch-failures-${Date.now()}` }));
        const log = new InvocationLog();
        await deliverBatch(fn, records(["ok", "poison", "ok", "ok"]), settings(QueueUrl), aws(), log);
        const attempts = log
            .latest()
            .reverse()
            .map(r => [r.trigger.split(" ")[1], r.outcome]);
        expect(attempts).to.deep.equal([
            ["4", "error"],
            ["2", "error"],
            ["1", "ok"],
            ["1", "error"],
            ["2", "ok"],
        ]);
        const { Messages } = await aws().sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        expect(Messages).to.have.length(1);
        const failure = JSON.parse(Messages![0].Body!);
        expect(failure.requestContext).to.include({ condition: "RetryAttemptsExhausted", approximateInvokeCount: 3 });
        expect(failure.DDBStreamBatchInfo).to.include({
            shardId: "shard-1",
            startSequenceNumber: "1",
            endSequenceNumber: "1",
            batchSize: 1,
        });
    });
});
