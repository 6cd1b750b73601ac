// Schedules: an EventBridge rule that invokes a Lambda, or an EventBridge Scheduler schedule that
// starts a state machine. Both retry, then keep undeliverable events in an encrypted dead-letter
// queue only the schedule may write to (with its alarm).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ScheduledEvent } from "aws-lambda";
import { schedulerRetryPolicy, targetRetryPolicy } from "./defaults/eventbridge-defaults";
import { serviceSendsQueuePolicy } from "./defaults/sqs-defaults";
import { failureQueue } from "./failure-queue";
import { keyUseStatement } from "./iam";
import type { InlineLambda } from "./inline-lambda";
import type { PlatformContext } from "./platform-context";
import { serviceRole } from "./service-role";

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

export interface StateMachineScheduleArgs {
    platform: PlatformContext;
    /** EventBridge Scheduler expression: `rate(...)`, `cron(...)` or `at(...)`, in UTC. */
    expression: string;
    stateMachineArn: pulumi.Input<string>;
    /** The execution input, as JSON. */
    input: string;
    /** The state machine as the dead-letter alarm names it, e.g. "the online-retail pipeline". */
    targetName: string;
    tags: Record<string, string>;
}

/**
 * An EventBridge Scheduler schedule `${name}-schedule` that starts a state machine: its role
 * `${name}-schedule` may start only that machine and write only to the dead-letter queue
 * `${name}-schedule-dlq` (with its alarm), where a start still failing after retries is kept.
 */
export function stateMachineSchedule(name: string, args: StateMachineScheduleArgs, parent: pulumi.Resource): aws.scheduler.Schedule {
    const { platform, tags } = args;
    const deadLetters = failureQueue(
        `${name}-schedule-dlq`,
        {
            platform,
            alarmName: `${name}-schedule-dlq`,
            alarmDescription: `${name}: the schedule could not start ${args.targetName}`,
            tags,
        },
        { parent },
    );
    const { role } = serviceRole(
        `${name}-schedule`,
        {
            service: "scheduler.amazonaws.com",
            accountId: platform.accountId,
            statements: [
                { sid: "StartPipeline", actions: ["states:StartExecution"], resources: [args.stateMachineArn] },
                { sid: "DeadLetters", actions: ["sqs:SendMessage"], resources: [deadLetters.arn] },
                keyUseStatement(platform.encryptionKey.arn),
            ],
            tags,
        },
        { parent },
    );
    return new aws.scheduler.Schedule(
        `${name}-schedule`,
        {
            scheduleExpression: args.expression,
            scheduleExpressionTimezone: "UTC",
            flexibleTimeWindow: { mode: "OFF" },
            kmsKeyArn: platform.encryptionKey.arn,
            target: {
                arn: args.stateMachineArn,
                roleArn: role.arn,
                input: args.input,
                retryPolicy: { ...schedulerRetryPolicy },
                deadLetterConfig: { arn: deadLetters.arn },
            },
        },
        { parent },
    );
}
