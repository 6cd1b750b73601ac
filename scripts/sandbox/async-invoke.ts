// Asynchronous invocation as Lambda does it (S3 notifications, schedules): the event is retried on
// error up to the function's maximumRetryAttempts (FunctionEventInvokeConfig, default 2), then sent
// to its on-failure destination as Lambda's invocation record.
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { LocalAws } from "./aws-local";
import { SandboxFunction } from "./functions";
import { ofType, ResourceGraph } from "./graph";
import { InvocationLog, summarize } from "./invocation-log";
import { Replacements } from "./local-names";

export interface AsyncPolicy {
    maximumRetryAttempts: number;
    /** Local queue URL of the on-failure destination, if any. */
    failureQueueUrl?: string;
}

/** Delay between attempts; Lambda waits a minute then two, the sandbox keeps it short for demos. */
const retryDelayMs = [1000, 2000];

export function asyncPolicyOf(graph: ResourceGraph, fn: SandboxFunction, replacements: Replacements): AsyncPolicy {
    const config = ofType(graph, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").find(c =>
        [fn.resource.outputs.name, fn.resource.outputs.arn].includes(c.inputs.functionName),
    );
    const destination = (config?.inputs.destinationConfig as { onFailure?: { destination?: string } } | undefined)?.onFailure?.destination;
    const queueArn = destination ? replacements.lookup(destination) : undefined;
    const queueUrl = queueArn ? queueUrlOfArn(queueArn, replacements) : undefined;
    return { maximumRetryAttempts: Number(config?.inputs.maximumRetryAttempts ?? 2), failureQueueUrl: queueUrl };
}

function queueUrlOfArn(localArn: string, replacements: Replacements): string | undefined {
    return replacements.queueUrls.get(localArn);
}

export async function invokeAsync(
    fn: SandboxFunction,
    policy: AsyncPolicy,
    event: unknown,
    trigger: string,
    aws: LocalAws,
    log: InvocationLog,
): Promise<boolean> {
    for (let attempt = 0; attempt <= policy.maximumRetryAttempts; attempt++) {
        const outcome = await fn.container.invoke(event);
        log.add({
            function: fn.name,
            pipeline: fn.pipeline,
            trigger: attempt === 0 ? trigger : `${trigger} (retry ${attempt})`,
            outcome: outcome.ok ? "ok" : "error",
            durationMs: outcome.durationMs,
            detail: summarize(outcome.ok ? outcome.result : `${outcome.error?.name}: ${outcome.error?.message}`),
        });
        if (outcome.ok) {
            return true;
        }
        if (attempt === policy.maximumRetryAttempts) {
            if (policy.failureQueueUrl) {
                const record = {
                    version: "1.0",
                    timestamp: new Date().toISOString(),
                    requestContext: {
                        requestId: outcome.requestId,
                        functionArn: `${String(fn.resource.outputs.arn)}:$LATEST`,
                        condition: "RetriesExhausted",
                        approximateInvokeCount: attempt + 1,
                    },
                    requestPayload: event,
                    responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
                    responsePayload: { errorType: outcome.error?.name, errorMessage: outcome.error?.message },
                };
                await aws.sqs.send(new SendMessageCommand({ QueueUrl: policy.failureQueueUrl, MessageBody: JSON.stringify(record) }));
            }
            return false;
        }
        await new Promise(resolve => setTimeout(resolve, retryDelayMs[Math.min(attempt, retryDelayMs.length - 1)]));
    }
    return false;
}
