// KMS keys, secrets, log groups (ingestion and retention) and alarms.
import { Estimator, LineItem, line, monthDays, numberInput } from "../model";

export const kmsKey: Estimator = (_resource, context) => [line(context, "kms.key.month", 1, "customer managed key", "fixed")];

export const secret: Estimator = (_resource, context) => [line(context, "secretsmanager.secret.month", 1, "secret", "fixed")];

export const metricAlarm: Estimator = (_resource, context) => [
    line(context, "cloudwatch.alarm.month", 1, "standard-resolution alarm", "fixed"),
];

/** Months a never-expiring group is assumed to have kept. */
const neverExpireMonths = 12;

export const logGroup: Estimator = (resource, context) => {
    const flowLogDestination = context.graph
        .ofType("aws:ec2/flowLog:FlowLog")
        .some(flow => (flow.propertyDependencies.logDestination ?? []).includes(resource.urn));
    const monthlyGb = flowLogDestination ? context.usage.costFlowLogGbPerMonth : context.usage.costLogMbPerGroup / 1024;
    const retentionDays = numberInput(resource, "retentionInDays", 0);
    const keptMonths = retentionDays > 0 ? retentionDays / monthDays(context) : neverExpireMonths;
    const kept = retentionDays > 0 ? `${retentionDays} days kept` : `never expires (${neverExpireMonths} months assumed)`;
    const lines: LineItem[] = [];
    if (!flowLogDestination) {
        lines.push(line(context, "logs.ingestGb", monthlyGb, "logs ingested", "usage"));
    } // flow logs are priced as vended-log delivery on the flow log itself
    lines.push(line(context, "logs.storageGbMonth", monthlyGb * keptMonths, `stored: ${kept}`, "usage"));
    return lines;
};

/** SES bills received mail per message and per 256 KB chunk; a message is an upload of its receipt bucket. */
const sesChunkBytes = 256 * 1024;

export const sesReceiptRule: Estimator = (_resource, context) => {
    const messages = context.usage.costObjectUploadsPerDay * monthDays(context);
    const chunks = messages * Math.ceil(context.usage.costReceivedMailBytes / sesChunkBytes);
    return [
        line(context, "ses.receiving.thousandMessages", messages / 1000, `${Math.round(messages)} messages received`, "usage"),
        line(context, "ses.receiving.thousandChunks", chunks / 1000, "incoming mail chunks (256 KB each)", "usage"),
    ];
};
