// SQS queues (failure destinations, dead-letter queues) are encrypted at rest.
import { resourceRule } from "../lib/rule";
import { knownOrUnknown } from "../lib/values";

export const sqsQueueEncrypted = resourceRule({
    name: "sqs-queue-encrypted",
    description: "SQS queues are encrypted with a KMS key or SQS-managed SSE (cdk-nag AwsSolutions-SQS2, Security Hub SQS.1).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-SQS2", "SQS.1"],
    kinds: ["sqsQueue"],
    check: (queue, report) => {
        // The key ARN is unknown until the key exists: present is enough.
        const key = knownOrUnknown(() => queue.props.kmsMasterKeyId);
        if (key === undefined && queue.props.sqsManagedSseEnabled !== true) {
            report(`queue ${queue.name} is not encrypted: set kmsMasterKeyId (or sqsManagedSseEnabled)`);
        }
    },
});
