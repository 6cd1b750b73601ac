// EventBridge targets retry and keep what they could not deliver.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { isRecord } from "../lib/values";

export const eventTargetDeadLetter: ResourceValidationPolicy = {
    name: "event-target-dead-letter",
    description: "EventBridge rule targets have a retry policy and a dead-letter queue (cdk-nag Serverless EventBusDLQ).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "eventTarget")) {
            return;
        }
        const problems = [
            ...(isRecord(args.props.deadLetterConfig) && "arn" in args.props.deadLetterConfig ? [] : ["no dead-letter queue"]),
            ...(isRecord(args.props.retryPolicy) ? [] : ["no retry policy"]),
        ];
        if (problems.length > 0) {
            report(`event target ${args.name} loses events it cannot deliver: ${problems.join("; ")}`);
        }
    },
};
