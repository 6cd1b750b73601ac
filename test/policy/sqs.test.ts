import { expect } from "chai";
import { sqsQueueEncrypted } from "../../policy/rules/sqs";
import { check, judge, resource, unknownAtPreview } from "../support/policy";
import { sqsQueueHasDeadLetter, sqsQueuePolicyNotPublic, sqsQueueTlsOnly } from "../../policy/rules/sqs";
import { describeRule } from "../support/rule-cases";

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

const queueType = "aws:sqs/queue:Queue";
const denyPlain = {
    Effect: "Deny",
    Principal: { AWS: "*" },
    Action: "sqs:*",
    Resource: "*",
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const queueDocument = (...statements: Record<string, unknown>[]) => ({ Version: "2012-10-17", Statement: statements });

describeRule({
    rule: sqsQueueTlsOnly,
    type: queueType,
    compliant: {},
    violating: { "a queue without a TLS-only policy": {} },
    unknown: {},
    build: (name, props) => {
        const queue = resource(queueType, name, props);
        const document = name === "pending" ? unknownAtPreview : queueDocument(denyPlain);
        const policy = resource(
            "aws:sqs/queuePolicy:QueuePolicy",
            `${name}-policy`,
            { queueUrl: unknownAtPreview, policy: document },
            { propertyDependencies: { queueUrl: [queue] } },
        );
        return name === "bad" ? [queue] : [queue, policy];
    },
});

describeRule({
    rule: sqsQueuePolicyNotPublic,
    type: "aws:sqs/queuePolicy:QueuePolicy",
    compliant: { queueUrl: unknownAtPreview, policy: queueDocument(denyPlain) },
    violating: {
        "send open to everyone": {
            queueUrl: unknownAtPreview,
            policy: queueDocument({ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" }),
        },
    },
    unknown: {
        queueUrl: unknownAtPreview,
        policy: queueDocument({ Effect: "Allow", Principal: unknownAtPreview, Action: "sqs:SendMessage" }),
    },
});

describeRule({
    rule: sqsQueueHasDeadLetter,
    type: queueType,
    compliant: { redrivePolicy: unknownAtPreview },
    violating: { "a work queue with no DLQ that is no DLQ": { visibilityTimeoutSeconds: 30 } },
});

describe("policy: sqs-queue-dead-letter (failure destinations)", () => {
    it("passes a queue that is another resource's failure destination or dead-letter queue", async () => {
        const queue = resource(queueType, "failures", {});
        const config = resource(
            "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
            "fn",
            { destinationConfig: { onFailure: { destination: unknownAtPreview } } },
            { propertyDependencies: { destinationConfig: [queue] } },
        );
        expect(await judge([sqsQueueHasDeadLetter], queue, config)).to.deep.equal([]);
    });
});
