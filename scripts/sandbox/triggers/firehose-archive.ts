// Firehose delivery streams that read a Kinesis stream into S3: each record's data as received,
// GZIP, under the stream's prefix with its !{timestamp:...} parts filled in from the arrival time.
// Firehose buffers for minutes; the sandbox flushes every second so a demo sees its events soon.
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { randomUUID } from "crypto";
import { gzipSync } from "zlib";
import { ofType, pipelineOf } from "../graph";
import { kinesisSource, ShardReader, StreamRecord } from "./stream-readers";
import { sleep, TriggerContext, TriggerSet } from "./trigger";

const flushEveryMs = 1000;

/** The prefix with Firehose's !{timestamp:yyyy|MM|dd|HH} namespaces filled in (UTC). */
export function expandPrefix(prefix: string, at: Date): string {
    const parts: Record<string, string> = {
        yyyy: String(at.getUTCFullYear()),
        MM: String(at.getUTCMonth() + 1).padStart(2, "0"),
        dd: String(at.getUTCDate()).padStart(2, "0"),
        HH: String(at.getUTCHours()).padStart(2, "0"),
    };
    return prefix.replace(/!\{timestamp:(yyyy|MM|dd|HH)\}/g, (_, part: string) => parts[part]);
}

function recordData(record: StreamRecord): Buffer {
    const kinesis = record.event.kinesis as { data: string };
    return Buffer.from(kinesis.data, "base64");
}

export async function firehoseArchives(context: TriggerContext): Promise<TriggerSet> {
    const set: TriggerSet = { triggers: [], notEmulated: [], running: [] };
    for (const delivery of ofType(context.graph, "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream")) {
        const source = delivery.inputs.kinesisSourceConfiguration as { kinesisStreamArn?: string } | undefined;
        const target = delivery.inputs.extendedS3Configuration as { bucketArn?: string; prefix?: string } | undefined;
        const streamArn = source?.kinesisStreamArn ? context.replacements.lookup(source.kinesisStreamArn) : undefined;
        const bucketArn = target?.bucketArn ? context.replacements.lookup(target.bucketArn) : undefined;
        if (!streamArn || !bucketArn) {
            set.notEmulated.push({ type: delivery.type, name: delivery.name, reason: "not a Kinesis-to-S3 delivery stream" });
            continue;
        }
        const bucket = bucketArn.replace(/^arn:aws:s3:::/, "");
        const prefix = target?.prefix ?? "";
        set.triggers.push({
            kind: "delivery stream",
            function: delivery.name,
            pipeline: pipelineOf(context.graph, delivery)?.name ?? "(stack)",
            description: `${delivery.name}: stream to s3://${bucket}/${prefix} (GZIP, sandbox: flushed every ${flushEveryMs / 1000}s)`,
        });
        let stopped = false;
        const readers: ShardReader[] = await kinesisSource(context.aws, streamArn, "TRIM_HORIZON").shards();
        const loop = async () => {
            while (!stopped) {
                const records = (await Promise.all(readers.map(r => r.read().catch(() => [])))).flat();
                if (records.length > 0) {
                    const at = new Date(records[0].arrivedAt);
                    const key = `${expandPrefix(prefix, at)}${delivery.name}-1-${at.toISOString().replace(/[:.]/g, "-")}-${randomUUID()}.gz`;
                    const body = gzipSync(Buffer.concat(records.map(recordData)));
                    await context.aws.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
                    context.log.add({
                        function: delivery.name,
                        pipeline: pipelineOf(context.graph, delivery)?.name ?? "(stack)",
                        trigger: `kinesis ${records.length} record(s)`,
                        outcome: "ok",
                        durationMs: 0,
                        detail: `s3://${bucket}/${key}`,
                    });
                }
                await sleep(flushEveryMs);
            }
        };
        const running = loop().catch(error => console.error(`sandbox: ${delivery.name}: ${(error as Error).message}`));
        set.running.push({
            stop: async () => {
                stopped = true;
                await running;
            },
        });
    }
    return set;
}
