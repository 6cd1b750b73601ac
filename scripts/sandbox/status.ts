// What the status page shows, collected from the sandbox and from moto: pipelines and their
// functions, the last invocations, files the pipelines wrote beside the ones they were given
// (reject files, with their row counts), and what waits in failure queues.
import { GetObjectCommand, ListObjectsV2Command } from "@aws-sdk/client-s3";
import { GetQueueAttributesCommand, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import { LocalAws } from "./aws-local";
import { SandboxFunction } from "./functions";
import { ofType, ResourceGraph } from "./graph";
import { InvocationLog, InvocationRecord } from "./invocation-log";
import { Replacements } from "./local-names";
import { Trigger } from "./triggers/trigger";
import { warehouseNote, WarehouseRun, warehouseRunners } from "./warehouse/runner";

export interface StatusSnapshot {
    stack: string;
    pipelines: { name: string; functions: { name: string; pid?: number; triggers: string[] }[] }[];
    invocations: InvocationRecord[];
    /** Objects outside every notification filter (what the functions wrote), newest first. */
    writtenFiles: { bucket: string; key: string; size: number; rows?: number }[];
    failureQueues: { name: string; messages: number; sample: string[] }[];
    /** BatchWarehouse machines run locally, what stands in for Redshift, and each one's last run. */
    warehouses: { note: string; machines: { name: string; source: string; table: string; last?: WarehouseRun }[] };
}

interface NotificationFilter {
    filterPrefix?: string;
    filterSuffix?: string;
}

export class StatusSource {
    constructor(
        private readonly graph: ResourceGraph,
        private readonly functions: SandboxFunction[],
        private readonly triggers: Trigger[],
        private readonly aws: LocalAws,
        private readonly log: InvocationLog,
        private readonly replacements: Replacements,
    ) {}

    async snapshot(): Promise<StatusSnapshot> {
        const pipelines = new Map<string, StatusSnapshot["pipelines"][number]>();
        for (const fn of this.functions) {
            const entry = pipelines.get(fn.pipeline) ?? { name: fn.pipeline, functions: [] };
            entry.functions.push({
                name: fn.name,
                pid: fn.container.pid,
                triggers: this.triggers.filter(t => t.function === fn.name).map(t => `${t.kind}: ${t.description}`),
            });
            pipelines.set(fn.pipeline, entry);
        }
        return {
            stack: this.graph.config.stack,
            pipelines: [...pipelines.values()],
            invocations: this.log.latest(),
            writtenFiles: await this.writtenFiles(),
            failureQueues: await this.failureQueues(),
            warehouses: {
                note: warehouseNote,
                machines: [...warehouseRunners.values()].map(r => ({
                    name: r.machine.name,
                    source: r.machine.source.name,
                    table: `${r.database}: ${r.table}`,
                    last: r.last,
                })),
            },
        };
    }

    private async writtenFiles(): Promise<StatusSnapshot["writtenFiles"]> {
        const files: StatusSnapshot["writtenFiles"] = [];
        for (const notification of ofType(this.graph, "aws:s3/bucketNotification:BucketNotification")) {
            const bucket = this.replacements.lookup(String(notification.inputs.bucket));
            const filters = (notification.inputs.lambdaFunctions as NotificationFilter[] | undefined) ?? [];
            if (!bucket) {
                continue;
            }
            const listed = await this.aws.s3.send(new ListObjectsV2Command({ Bucket: bucket, MaxKeys: 1000 }));
            const written = (listed.Contents ?? [])
                .filter(o => !filters.some(f => o.Key!.startsWith(f.filterPrefix ?? "") && o.Key!.endsWith(f.filterSuffix ?? "")))
                .sort((a, b) => (b.LastModified?.getTime() ?? 0) - (a.LastModified?.getTime() ?? 0))
                .slice(0, 10);
            for (const object of written) {
                const small = (object.Size ?? 0) < 1_000_000;
                const text = small
                    ? await (await this.aws.s3.send(new GetObjectCommand({ Bucket: bucket, Key: object.Key }))).Body!.transformToString()
                    : undefined;
                const lines = text?.split(/\r?\n/).filter(line => line !== "").length;
                files.push({
                    bucket,
                    key: object.Key!,
                    size: object.Size ?? 0,
                    rows: lines === undefined ? undefined : Math.max(0, lines - 1),
                });
            }
        }
        return files;
    }

    private failureQueueArns(): string[] {
        const deployed = [
            ...ofType(this.graph, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig").map(
                c => (c.inputs.destinationConfig as { onFailure?: { destination?: string } } | undefined)?.onFailure?.destination,
            ),
            ...ofType(this.graph, "aws:lambda/eventSourceMapping:EventSourceMapping").map(
                m => (m.inputs.destinationConfig as { onFailure?: { destinationArn?: string } } | undefined)?.onFailure?.destinationArn,
            ),
            ...ofType(this.graph, "aws:cloudwatch/eventTarget:EventTarget").map(
                t => (t.inputs.deadLetterConfig as { arn?: string } | undefined)?.arn,
            ),
        ];
        return [...new Set(deployed.map(arn => (arn ? this.replacements.lookup(arn) : undefined)).filter((a): a is string => !!a))];
    }

    private async failureQueues(): Promise<StatusSnapshot["failureQueues"]> {
        const queues: StatusSnapshot["failureQueues"] = [];
        for (const arn of this.failureQueueArns()) {
            const url = this.replacements.queueUrls.get(arn)!;
            const { Attributes } = await this.aws.sqs.send(
                new GetQueueAttributesCommand({
                    QueueUrl: url,
                    AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"],
                }),
            );
            const messages = Number(Attributes?.ApproximateNumberOfMessages ?? 0);
            // A peek: visibility timeout 0 leaves the messages where they are.
            const peeked =
                messages > 0
                    ? await this.aws.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 3, VisibilityTimeout: 0 }))
                    : { Messages: [] };
            queues.push({ name: arn.split(":").pop()!, messages, sample: (peeked.Messages ?? []).map(m => (m.Body ?? "").slice(0, 400)) });
        }
        return queues;
    }
}
