// EventBridge targets retry and keep what they could not deliver.
import { openPolicyRule } from "../lib/resource-policies";
import { resourceRule } from "../lib/rule";
import { isRecord } from "../lib/values";

export const eventTargetDeadLetter = resourceRule({
    name: "event-target-dead-letter",
    description: "EventBridge rule targets have a retry policy and a dead-letter queue (cdk-nag Serverless EventBusDLQ).",
    enforcementLevel: "mandatory",
    anchors: ["Serverless-EventBusDLQ"],
    kinds: ["eventTarget"],
    check: (target, report) => {
        const problems = [
            ...(isRecord(target.props.deadLetterConfig) && "arn" in target.props.deadLetterConfig ? [] : ["no dead-letter queue"]),
            ...(isRecord(target.props.retryPolicy) ? [] : ["no retry policy"]),
        ];
        if (problems.length > 0) {
            report(`event target ${target.name} loses events it cannot deliver: ${problems.join("; ")}`);
        }
    },
});

export const eventBusPolicyNotPublic = openPolicyRule({
    name: "event-bus-policy-not-public",
    description: 'Event bus policies allow nothing to Principal "*" without a condition (cdk-nag AwsSolutions-EVB1).',
    anchors: ["AwsSolutions-EVB1"],
    kinds: ["eventBusPolicy"],
});
