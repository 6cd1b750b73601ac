// SQS queues (failure destinations, dead-letter queues) are encrypted at rest.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { knownOrUnknown } from "../lib/values";

export const sqsQueueEncrypted: ResourceValidationPolicy = {
    name: "sqs-queue-encrypted",
    description: "SQS queues are encrypted with a KMS key or SQS-managed SSE (cdk-nag AwsSolutions-SQS2, Security Hub SQS.1).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "sqsQueue")) {
            return;
        }
        // The key ARN is unknown until the key exists: present is enough.
        const key = knownOrUnknown(() => args.props.kmsMasterKeyId);
        if (key === undefined && args.props.sqsManagedSseEnabled !== true) {
            report(`queue ${args.name} is not encrypted: set kmsMasterKeyId (or sqsManagedSseEnabled)`);
        }
    },
};
