// Kinesis (provisioned shards or on-demand), Firehose volume, Redshift Serverless base capacity
// capped by its usage limit, and its managed storage.
import { CapturedResource } from "../../capture";
import { EstimateContext, Estimator, LineItem, line, monthDays, monthHours, numberInput, objectInput } from "../model";

const putPayloadUnitBytes = 25 * 1024;
const firehoseRoundingBytes = 5 * 1024;
const gb = 1024 ** 3;

function streamRecordsPerMonth(context: EstimateContext): number {
    return context.usage.costStreamRecordsPerDay * monthDays(context);
}

/** Consumers reading a stream: its event source mappings and Firehose deliveries (at least one). */
function consumers(stream: CapturedResource, context: EstimateContext): number {
    const reading = context.graph.resources.filter(
        r =>
            (r.type === "aws:lambda/eventSourceMapping:EventSourceMapping" &&
                (r.propertyDependencies.eventSourceArn ?? []).includes(stream.urn)) ||
            (r.type === "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream" &&
                (r.propertyDependencies.kinesisSourceConfiguration ?? []).includes(stream.urn)),
    );
    return Math.max(1, reading.length);
}

export const kinesisStream: Estimator = (resource, context) => {
    const mode = String(objectInput(resource, "streamModeDetails").streamMode ?? "PROVISIONED");
    const records = streamRecordsPerMonth(context);
    const bytes = context.usage.costStreamRecordBytes;
    if (mode === "ON_DEMAND") {
        const ingestedGb = (records * Math.ceil(bytes / 1024) * 1024) / gb;
        const readers = consumers(resource, context);
        return [
            line(context, "kinesis.onDemand.streamHour", monthHours(context), "on-demand stream hours", "fixed"),
            line(context, "kinesis.onDemand.ingestGb", ingestedGb, "data written (records rounded up to 1 KB)", "usage"),
            line(context, "kinesis.onDemand.retrieveGb", ingestedGb * readers, `data read by ${readers} consumer(s)`, "usage"),
        ];
    }
    const shards = numberInput(resource, "shardCount", 1);
    const units = records * Math.ceil(bytes / putPayloadUnitBytes);
    return [
        line(context, "kinesis.shard.hour", shards * monthHours(context), `${shards} shard(s)`, "fixed"),
        line(context, "kinesis.putPayloadUnit.million", units / 1e6, `${Math.round(records)} records`, "usage"),
    ];
};

export const firehose: Estimator = (_resource, context) => {
    const billedBytes = Math.ceil(context.usage.costStreamRecordBytes / firehoseRoundingBytes) * firehoseRoundingBytes;
    return [
        line(
            context,
            "firehose.ingestGb",
            (streamRecordsPerMonth(context) * billedBytes) / gb,
            "records delivered (rounded up to 5 KB)",
            "usage",
        ),
    ];
};

/** RPU-hours a usage limit allows per month, when a compute limit names this workgroup. */
function rpuHourCap(workgroup: CapturedResource, context: EstimateContext): number | undefined {
    const perPeriod: Record<string, number> = { daily: monthDays(context), weekly: monthDays(context) / 7, monthly: 1 };
    const caps = context.graph
        .ofType("aws:redshiftserverless/usageLimit:UsageLimit")
        .filter(limit => (limit.propertyDependencies.resourceArn ?? []).includes(workgroup.urn))
        .filter(limit => String(limit.inputs.usageType ?? "") === "serverless-compute")
        .map(limit => numberInput(limit, "amount", 0) * (perPeriod[String(limit.inputs.period ?? "monthly")] ?? 1));
    return caps.length > 0 ? Math.min(...caps) : undefined;
}

export const redshiftWorkgroup: Estimator = (resource, context) => {
    const baseRpus = numberInput(resource, "baseCapacity", 128);
    const active = context.usage.costWarehouseActiveHoursPerDay * monthDays(context);
    const wanted = baseRpus * active;
    const cap = rpuHourCap(resource, context);
    const rpuHours = cap === undefined ? wanted : Math.min(wanted, cap);
    const capped = cap !== undefined && cap < wanted ? `, capped by the usage limit of ${Math.round(cap)} RPU-hours` : "";
    const lines: LineItem[] = [
        line(
            context,
            "redshift.serverless.rpuHour",
            rpuHours,
            `${baseRpus} RPU base x ${Math.round(active)} active hours${capped}`,
            "usage",
        ),
    ];
    return lines;
};

export const redshiftNamespace: Estimator = (_resource, context) => [
    line(context, "redshift.managedStorage.gbMonth", context.usage.costWarehouseStorageGb, "managed storage", "usage"),
];
