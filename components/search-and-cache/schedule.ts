// The generator's schedule: an EventBridge rule whose target retries, then keeps undeliverable
// events in an encrypted dead-letter queue only this rule may write to.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ScheduledEvent } from "aws-lambda";
import { topicAlarm } from "../alarms";
import { targetRetryPolicy } from "../defaults/eventbridge-defaults";
import { encryptedQueueArgs, serviceSendsQueuePolicy } from "../defaults/sqs-defaults";
import type { InlineLambda } from "../inline-lambda";
import type { PlatformContext } from "../platform-context";

export interface ScheduleArgs {
    platform: PlatformContext;
    /** `rate(...)` or `cron(...)`. */
    expression: string;
    target: InlineLambda<ScheduledEvent, unknown>;
    tags: Record<string, string>;
}

export function createSchedule(name: string, args: ScheduleArgs, parent: pulumi.Resource): aws.cloudwatch.EventRule {
    const { platform } = args;
    const rule = new aws.cloudwatch.EventRule(
        `${name}-schedule`,
        { description: `${name}: runs the product generator`, scheduleExpression: args.expression, state: "ENABLED", tags: args.tags },
        { parent },
    );
    const deadLetters = new aws.sqs.Queue(
        `${name}-schedule-dlq`,
        { ...encryptedQueueArgs(platform.encryptionKey), tags: args.tags },
        { parent },
    );
    new aws.sqs.QueuePolicy(
        `${name}-schedule-dlq`,
        { queueUrl: deadLetters.url, policy: serviceSendsQueuePolicy(deadLetters.arn, "events.amazonaws.com", rule.arn) },
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
    topicAlarm(
        `${name}-schedule-dlq`,
        {
            description: `${name}: scheduled events could not be delivered to the generator`,
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: deadLetters.name },
            statistic: "Maximum",
            threshold: 1,
            comparison: "GreaterThanOrEqualToThreshold",
        },
        platform.alarmTopicArn,
        { parent },
    );
    return rule;
}
