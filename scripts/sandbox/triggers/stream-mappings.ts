// Event source mappings on DynamoDB and Kinesis streams: each shard is read in order, records are
// gathered up to the batch size or the batching window, and each batch is delivered with the
// mapping's retry, bisect, partial-batch and failure-destination settings.
import { functionFor, SandboxFunction } from "../functions";
import { findByOutput, GraphResource, ofType } from "../graph";
import { deliverBatch, MappingSettings } from "./batch-delivery";
import { dynamodbSource, kinesisSource, ShardReader, StreamRecord, StreamSource } from "./stream-readers";
import { Running, sleep, TriggerContext, TriggerSet } from "./trigger";

const pollIntervalMs = 250;

function sourceOf(context: TriggerContext, mapping: GraphResource): StreamSource | undefined {
    const deployedArn = String(mapping.inputs.eventSourceArn ?? "");
    const localArn = context.replacements.lookup(deployedArn);
    const position = String(mapping.inputs.startingPosition ?? "LATEST");
    if (!localArn) {
        return undefined;
    }
    if (findByOutput(context.graph, "aws:dynamodb/table:Table", deployedArn)) {
        return dynamodbSource(context.aws, localArn, position);
    }
    if (findByOutput(context.graph, "aws:kinesis/stream:Stream", deployedArn)) {
        return kinesisSource(context.aws, localArn, position);
    }
    return undefined;
}

export async function streamMappings(context: TriggerContext): Promise<TriggerSet> {
    const set: TriggerSet = { triggers: [], notEmulated: [], running: [] };
    for (const mapping of ofType(context.graph, "aws:lambda/eventSourceMapping:EventSourceMapping")) {
        const fn = functionFor(context.functions, mapping.inputs.functionName);
        const source = sourceOf(context, mapping);
        if (!fn || !source) {
            set.notEmulated.push({ type: mapping.type, name: mapping.name, reason: `source ${String(mapping.inputs.eventSourceArn)}` });
            continue;
        }
        const inputs = mapping.inputs;
        const destination = (inputs.destinationConfig as { onFailure?: { destinationArn?: string } } | undefined)?.onFailure
            ?.destinationArn;
        const failureArn = destination ? context.replacements.lookup(destination) : undefined;
        const base = {
            source: source.source,
            streamArn: source.arn,
            maximumRetryAttempts: Number(inputs.maximumRetryAttempts ?? -1) < 0 ? 10_000 : Number(inputs.maximumRetryAttempts),
            bisectOnError: inputs.bisectBatchOnFunctionError === true,
            reportBatchItemFailures: ((inputs.functionResponseTypes as string[] | undefined) ?? []).includes("ReportBatchItemFailures"),
            failureQueueUrl: failureArn ? context.replacements.queueUrls.get(failureArn) : undefined,
        };
        const batchSize = Number(inputs.batchSize ?? 100);
        const windowMs = Number(inputs.maximumBatchingWindowInSeconds ?? 0) * 1000;
        set.triggers.push({
            kind: "stream mapping",
            function: fn.name,
            pipeline: fn.pipeline,
            description:
                `${source.source} ${source.arn}: batch ${batchSize}, window ${windowMs / 1000}s, ` +
                `retries ${base.maximumRetryAttempts}${base.bisectOnError ? ", bisect" : ""}` +
                `${base.reportBatchItemFailures ? ", partial batch responses" : ""}${base.failureQueueUrl ? ", then the failure queue" : ""}`,
        });
        for (const shard of await source.shards()) {
            set.running.push(consume(context, fn, shard, { ...base, shardId: shard.shardId }, batchSize, windowMs));
        }
    }
    return set;
}

function consume(
    context: TriggerContext,
    fn: SandboxFunction,
    shard: ShardReader,
    settings: MappingSettings,
    batchSize: number,
    windowMs: number,
): Running {
    let stopped = false;
    const buffered: StreamRecord[] = [];
    let firstBufferedAt = 0;
    const loop = (async () => {
        while (!stopped) {
            try {
                const records = await shard.read();
                if (records.length > 0 && buffered.length === 0) {
                    firstBufferedAt = Date.now();
                }
                buffered.push(...records);
                const windowOver = Date.now() - firstBufferedAt >= windowMs;
                while (buffered.length >= batchSize || (buffered.length > 0 && windowOver)) {
                    await deliverBatch(fn, buffered.splice(0, batchSize), settings, context.aws, context.log);
                }
            } catch {
                // moto restarted or the shard closed: try again shortly
            }
            await sleep(pollIntervalMs);
        }
    })();
    return {
        async stop() {
            stopped = true;
            await loop;
        },
    };
}
