// Bucket notifications: moto delivers the bucket's events, with the notification's own event types
// and prefix/suffix filters, to a queue the sandbox polls; each S3 event invokes its function
// asynchronously (retries, then the function's failure destination).
import { PutBucketNotificationConfigurationCommand } from "@aws-sdk/client-s3";
import { DeleteMessageCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { S3Event } from "aws-lambda";
import { asyncPolicyOf, invokeAsync } from "../async-invoke";
import { functionFor, SandboxFunction } from "../functions";
import { ofType } from "../graph";
import { localName } from "../local-names";
import { ensureQueue } from "../provision-aws";
import { sleep, TriggerContext, TriggerSet } from "./trigger";

interface LambdaNotification {
    lambdaFunctionArn: string;
    events: string[];
    filterPrefix?: string;
    filterSuffix?: string;
}

export async function bucketNotifications(context: TriggerContext): Promise<TriggerSet> {
    const set: TriggerSet = { triggers: [], notEmulated: [], running: [] };
    for (const notification of ofType(context.graph, "aws:s3/bucketNotification:BucketNotification")) {
        const bucket = context.replacements.lookup(String(notification.inputs.bucket));
        for (const kind of ["topics", "queues"]) {
            if (Array.isArray(notification.inputs[kind]) && (notification.inputs[kind] as unknown[]).length > 0) {
                set.notEmulated.push({ type: notification.type, name: notification.name, reason: `notifications to ${kind}` });
            }
        }
        const entries = (notification.inputs.lambdaFunctions as LambdaNotification[] | undefined) ?? [];
        const targets = entries.map(entry => functionFor(context.functions, entry.lambdaFunctionArn));
        if (!bucket || targets.some(t => t === undefined)) {
            set.notEmulated.push({ type: notification.type, name: notification.name, reason: "bucket or function not in the graph" });
            continue;
        }
        const queue = await ensureQueue(context.aws, localName(context.graph.config.stack, `sandbox-${notification.name}-events`));
        await context.aws.s3.send(
            new PutBucketNotificationConfigurationCommand({
                Bucket: bucket,
                NotificationConfiguration: {
                    QueueConfigurations: entries.map((entry, index) => ({
                        Id: String(index),
                        QueueArn: queue.arn,
                        Events: entry.events as never[],
                        Filter: {
                            Key: {
                                FilterRules: [
                                    ...(entry.filterPrefix ? [{ Name: "prefix" as const, Value: entry.filterPrefix }] : []),
                                    ...(entry.filterSuffix ? [{ Name: "suffix" as const, Value: entry.filterSuffix }] : []),
                                ],
                            },
                        },
                    })),
                },
            }),
        );
        entries.forEach((entry, index) => {
            const fn = targets[index]!;
            set.triggers.push({
                kind: "bucket notification",
                function: fn.name,
                pipeline: fn.pipeline,
                description: `s3://${bucket}/${entry.filterPrefix ?? ""}*${entry.filterSuffix ?? ""} (${entry.events.join(", ")})`,
            });
        });
        set.running.push(pollQueue(context, queue.url, targets as SandboxFunction[]));
    }
    return set;
}

function pollQueue(context: TriggerContext, queueUrl: string, targets: SandboxFunction[]) {
    let stopped = false;
    const policies = targets.map(fn => asyncPolicyOf(context.graph, fn, context.replacements));
    const loop = (async () => {
        while (!stopped) {
            try {
                const { Messages } = await context.aws.sqs.send(
                    new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1, MaxNumberOfMessages: 10 }),
                );
                for (const message of Messages ?? []) {
                    await context.aws.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
                    const event = JSON.parse(message.Body ?? "{}") as Partial<S3Event>;
                    for (const record of event.Records ?? []) {
                        const index = Number(record.s3.configurationId);
                        const fn = targets[Number.isInteger(index) && targets[index] ? index : 0];
                        const trigger = `s3 ${record.eventName} ${decodeURIComponent(record.s3.object.key.replace(/\+/g, " "))}`;
                        void invokeAsync(fn, policies[targets.indexOf(fn)], { Records: [record] }, trigger, context.aws, context.log);
                    }
                }
            } catch (error) {
                if (!stopped) {
                    await sleep(1000);
                }
            }
        }
    })();
    return {
        async stop() {
            stopped = true;
            await loop;
        },
    };
}
