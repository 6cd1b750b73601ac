// SQS queues (failure destinations, dead-letter queues) are encrypted at rest.
import { openPolicyRule, tlsOnlyRule } from "../lib/resource-policies";
import { resourceRule, stackRule } from "../lib/rule";
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

export const sqsQueueTlsOnly = tlsOnlyRule({
    name: "sqs-queue-tls-only",
    description: 'SQS queue policies deny sqs:* to everyone when aws:SecureTransport is "false" (cdk-nag AwsSolutions-SQS4).',
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-SQS4"],
    kind: "sqsQueue",
    policyKind: "sqsQueuePolicy",
    link: "queueUrl",
    actions: ["sqs:*"],
});

export const sqsQueuePolicyNotPublic = openPolicyRule({
    name: "sqs-queue-policy-not-public",
    description: 'SQS queue policies allow nothing to Principal "*" without a condition (Security Hub SQS.3).',
    anchors: ["SQS.3"],
    kinds: ["sqsQueue", "sqsQueuePolicy"],
});

/** Properties through which a resource sends its failures to a queue. */
const failureLinks = /deadLetter|destination|redrive|onFailure/i;

/**
 * A property is a failure link by its name, or by the name of one of its keys (a Scheduler target's
 * deadLetterConfig). Only key names are read: the values may be unknown at preview.
 */
function isFailureLink(property: string, read: () => unknown): boolean {
    if (failureLinks.test(property)) return true;
    const value = knownOrUnknown(read);
    return value !== null && typeof value === "object" && Object.keys(value).some(key => failureLinks.test(key));
}

export const sqsQueueHasDeadLetter = stackRule({
    name: "sqs-queue-dead-letter",
    description:
        "Every queue either redrives to a dead-letter queue or is one: a failure destination or DLQ of another resource (cdk-nag AwsSolutions-SQS3).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-SQS3"],
    kinds: ["sqsQueue"],
    check: (queue, resources, report) => {
        const isFailureTarget = resources.some(resource =>
            Object.entries(resource.propertyDependencies).some(
                ([property, dependencies]) =>
                    dependencies.some(d => d.urn === queue.urn) && isFailureLink(property, () => resource.props[property]),
            ),
        );
        if (!isFailureTarget && !("redrivePolicy" in queue.props)) {
            report(`queue ${queue.name} has no dead-letter queue and is none: set redrivePolicy (deadLetterTargetArn, maxReceiveCount)`);
        }
    },
});
