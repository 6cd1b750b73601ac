// A schedule: an EventBridge rule whose target retries, then keeps undeliverable events in an
// encrypted dead-letter queue only this rule may write to (with its alarm).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ScheduledEvent } from "aws-lambda";
import { targetRetryPolicy } from "./defaults/eventbridge-defaults";
import { serviceSendsQueuePolicy } from "./defaults/sqs-defaults";
import { failureQueue } from "./failure-queue";
import type { InlineLambda } from "./inline-lambda";
import type { PlatformContext } from "./platform-context";

export interface ScheduleArgs {
    platform: PlatformContext;
    /** `rate(...)` or `cron(...)`. */
    expression: string;
    target: InlineLambda<ScheduledEvent, unknown>;
    /** What the schedule runs, for the rule's description, e.g. "the product generator". */
    runs: string;
    /** The target as the dead-letter alarm names it, e.g. "the generator". */
    targetName: string;
    tags: Record<string, string>;
}

/** The rule `${name}-schedule`, its target and its dead-letter queue `${name}-schedule-dlq`. */
export function schedule(name: string, args: ScheduleArgs, parent: pulumi.Resource): aws.cloudwatch.EventRule {
    const rule = new aws.cloudwatch.EventRule(
        `${name}-schedule`,
        { description: `${name}: runs ${args.runs}`, scheduleExpression: args.expression, state: "ENABLED", tags: args.tags },
        { parent },
    );
    const deadLetters = failureQueue(
        `${name}-schedule-dlq`,
        {
            platform: args.platform,
            alarmName: `${name}-schedule-dlq`,
            alarmDescription: `${name}: scheduled events could not be delivered to ${args.targetName}`,
            policy: queue => serviceSendsQueuePolicy(queue.arn, "events.amazonaws.com", rule.arn),
            tags: args.tags,
        },
        { parent },
    );
    new aws.cloudwatch.EventTarget(
        `${name}-schedule`,
        {
            rule: rule.name,
            arn: args.target.function.arn,
            retryPolicy: { ...targetRetryPolicy },
            deadLetterConfig: { arn: deadLetters.arn },
        },
        { parent },
    );
    args.target.allowInvocation("schedule", "events.amazonaws.com", rule.arn);
    return rule;
}
