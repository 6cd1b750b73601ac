// How an event source mapping delivers one batch: invoke; on a partial batch response retry from
// the first failed record; on an error bisect (when enabled) and retry, up to maximumRetryAttempts;
// then send the batch's description to the on-failure destination and move on, as Lambda does.
import { SendMessageCommand } from "@aws-sdk/client-sqs";
import { LocalAws } from "../aws-local";
import { SandboxFunction } from "../functions";
import { InvocationLog, summarize } from "../invocation-log";
import { StreamRecord } from "./stream-readers";

export interface MappingSettings {
    source: "dynamodb" | "kinesis";
    streamArn: string;
    shardId: string;
    maximumRetryAttempts: number;
    bisectOnError: boolean;
    reportBatchItemFailures: boolean;
    failureQueueUrl?: string;
}

interface Pending {
    records: StreamRecord[];
    attempts: number;
}

/** The records that failed: all of them on an error, from the first reported failure otherwise. */
function failedPart(batch: StreamRecord[], ok: boolean, result: unknown, settings: MappingSettings): StreamRecord[] {
    if (!ok) {
        return batch;
    }
    if (!settings.reportBatchItemFailures) {
        return [];
    }
    const failures = (result as { batchItemFailures?: { itemIdentifier?: string }[] } | null)?.batchItemFailures ?? [];
    if (failures.length === 0) {
        return [];
    }
    const indexes = failures.map(f => batch.findIndex(r => r.sequenceNumber === f.itemIdentifier));
    // An identifier that names no record of the batch fails the whole batch (Lambda's rule).
    return indexes.some(i => i < 0) ? batch : batch.slice(Math.min(...indexes));
}

async function sendToFailureQueue(aws: LocalAws, settings: MappingSettings, fn: SandboxFunction, batch: Pending): Promise<void> {
    if (!settings.failureQueueUrl) {
        return;
    }
    const info = {
        shardId: settings.shardId,
        startSequenceNumber: batch.records[0].sequenceNumber,
        endSequenceNumber: batch.records[batch.records.length - 1].sequenceNumber,
        approximateArrivalOfFirstRecord: new Date(batch.records[0].arrivedAt).toISOString(),
        approximateArrivalOfLastRecord: new Date(batch.records[batch.records.length - 1].arrivedAt).toISOString(),
        batchSize: batch.records.length,
        streamArn: settings.streamArn,
    };
    const record = {
        requestContext: {
            functionArn: String(fn.resource.outputs.arn),
            condition: "RetryAttemptsExhausted",
            approximateInvokeCount: batch.attempts,
        },
        responseContext: { statusCode: 200, executedVersion: "$LATEST", functionError: "Unhandled" },
        version: "1.0",
        timestamp: new Date().toISOString(),
        [settings.source === "dynamodb" ? "DDBStreamBatchInfo" : "KinesisBatchInfo"]: info,
    };
    await aws.sqs.send(new SendMessageCommand({ QueueUrl: settings.failureQueueUrl, MessageBody: JSON.stringify(record) }));
}

export async function deliverBatch(
    fn: SandboxFunction,
    records: StreamRecord[],
    settings: MappingSettings,
    aws: LocalAws,
    log: InvocationLog,
): Promise<void> {
    const queue: Pending[] = [{ records, attempts: 0 }];
    while (queue.length > 0) {
        const batch = queue.shift()!;
        const outcome = await fn.container.invoke({ Records: batch.records.map(r => r.event) });
        batch.attempts++;
        const failed = failedPart(batch.records, outcome.ok, outcome.result, settings);
        log.add({
            function: fn.name,
            pipeline: fn.pipeline,
            trigger: `${settings.source} ${batch.records.length} record(s)${batch.attempts > 1 ? ` (attempt ${batch.attempts})` : ""}`,
            outcome: !outcome.ok ? "error" : failed.length > 0 ? "partial" : "ok",
            durationMs: outcome.durationMs,
            detail: summarize(outcome.ok ? outcome.result : `${outcome.error?.name}: ${outcome.error?.message}`),
        });
        if (failed.length === 0) {
            continue;
        }
        if (batch.attempts > settings.maximumRetryAttempts) {
            await sendToFailureQueue(aws, settings, fn, { records: failed, attempts: batch.attempts });
            continue;
        }
        if (!outcome.ok && settings.bisectOnError && failed.length > 1) {
            const half = Math.ceil(failed.length / 2);
            queue.unshift(
                { records: failed.slice(0, half), attempts: batch.attempts },
                { records: failed.slice(half), attempts: batch.attempts },
            );
        } else {
            queue.unshift({ records: failed, attempts: batch.attempts });
        }
        await new Promise(resolve => setTimeout(resolve, 200 * batch.attempts));
    }
}
