import { expect } from "chai";
import type { SQSRecord } from "aws-lambda";
import { processBatch } from "../../../functions/runtime/partial-batch";

const message = (id: string, body: string) => ({ messageId: id, body, eventSource: "aws:sqs" }) as SQSRecord;

describe("runtime: partial-batch responses", () => {
    it("reports exactly the records whose handler threw, after handling them in order", async () => {
        const seen: string[] = [];
        const response = await processBatch(
            "SQS",
            { Records: [message("m1", "ok"), message("m2", "bad"), message("m3", "ok")] },
            async record => {
                seen.push(record.messageId);
                if (record.body === "bad") {
                    throw new Error("bad body");
                }
            },
        );
        expect(seen).to.deep.equal(["m1", "m2", "m3"]);
        expect(response.batchItemFailures).to.deep.equal([{ itemIdentifier: "m2" }]);
    });

    it("throws when every record failed, so the whole batch is retried", async () => {
        const failing = processBatch("SQS", { Records: [message("m1", "bad")] }, async () => {
            throw new Error("down");
        });
        let error: unknown;
        await failing.catch(caught => (error = caught));
        expect(error).to.be.instanceOf(Error);
    });
});
