// An encrypted queue for what could not be delivered or processed, TLS-only, kept 14 days, and an
// alarm on the platform topic as soon as one message waits in it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { topicAlarm } from "./alarms";
import { encryptedQueueArgs, tlsOnlyQueuePolicy } from "./defaults/sqs-defaults";
import type { PlatformContext } from "./platform-context";

export interface FailureQueueArgs {
    platform: Pick<PlatformContext, "encryptionKey" | "alarmTopicArn">;
    /** Name of the alarm resource. */
    alarmName: string;
    /** What it means when the alarm fires. */
    alarmDescription: string;
    /** The queue policy; default: refuse requests without TLS. */
    policy?: (queue: aws.sqs.Queue) => pulumi.Input<aws.iam.PolicyDocument>;
    tags?: Record<string, string>;
}

/** The queue, its policy and its alarm; queue and policy are named `name`. */
export function failureQueue(name: string, args: FailureQueueArgs, opts: pulumi.CustomResourceOptions): aws.sqs.Queue {
    const queue = new aws.sqs.Queue(name, { ...encryptedQueueArgs(args.platform.encryptionKey), tags: args.tags }, opts);
    new aws.sqs.QueuePolicy(name, { queueUrl: queue.url, policy: (args.policy ?? (q => tlsOnlyQueuePolicy(q.arn)))(queue) }, opts);
    topicAlarm(
        args.alarmName,
        {
            description: args.alarmDescription,
            namespace: "AWS/SQS",
            metricName: "ApproximateNumberOfMessagesVisible",
            dimensions: { QueueName: queue.name },
            statistic: "Maximum",
            threshold: 1,
            comparison: "GreaterThanOrEqualToThreshold",
        },
        args.platform.alarmTopicArn,
        opts,
    );
    return queue;
}
