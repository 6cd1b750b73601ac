import { expect } from "chai";
import { sqsQueueEncrypted } from "../../policy/rules/sqs";
import { check, resource, unknownAtPreview } from "../support/policy";

describe("policy: sqs-queue-encrypted", () => {
    it("passes a queue whose KMS key is unknown at preview, and one with SQS-managed SSE", async () => {
        const cmk = resource("aws:sqs/queue:Queue", "cmk", { kmsMasterKeyId: unknownAtPreview });
        const managed = resource("aws:sqs/queue:Queue", "managed", { sqsManagedSseEnabled: true });
        expect(await check([sqsQueueEncrypted], cmk, managed)).to.deep.equal([]);
    });

    it("reports a queue with neither, as mandatory", async () => {
        const plain = resource("aws:sqs/queue:Queue", "plain", { sqsManagedSseEnabled: false });
        expect(await check([sqsQueueEncrypted], plain)).to.deep.equal([
            {
                policy: "sqs-queue-encrypted",
                level: "mandatory",
                urn: plain.urn,
                message: "queue plain is not encrypted: set kmsMasterKeyId (or sqsManagedSseEnabled)",
            },
        ]);
    });
});
