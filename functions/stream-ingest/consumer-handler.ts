// Kinesis -> DynamoDB: decodes and re-validates each record, writes its invoice line, then adds the
// lines to their customers' aggregates. A record that is malformed, or whose writes did not land
// after retries, fails alone in the partial batch response; an unreachable DynamoDB throws, so
// Lambda bisects and retries the batch. Every write is replay-safe (see customer-aggregates.ts).
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import type { KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from "aws-lambda";
import { applyCustomerAggregates } from "./customer-aggregates";
import { eventIdPattern, EventValidator, InvoiceLine } from "./event-schema";
import { writeLines } from "./line-writer";
import type { Log } from "../runtime/logger";
import type { RetrySettings } from "../runtime/retry";
import { decodeEnvelope } from "./stream-envelope";
import type { TableNames } from "./tables";

export interface ConsumerDependencies {
    dynamo: DynamoDBClient;
    tables: TableNames;
    validate: EventValidator;
    log: Log;
}

export interface ConsumerSettings {
    retry: RetrySettings;
}

export interface BatchOutcome {
    failures: Map<KinesisStreamRecord, Error>;
    /** DynamoDB write requests made (lines and aggregates). */
    writeRequests: number;
}

const storedIdPattern = new RegExp(eventIdPattern);

function lineOf(record: KinesisStreamRecord, validate: EventValidator): InvoiceLine | Error {
    const envelope = decodeEnvelope(Buffer.from(record.kinesis.data, "base64"));
    if (envelope instanceof Error) {
        return envelope;
    }
    if (!storedIdPattern.test(envelope.eventId)) {
        return new Error("record eventId is not a valid id");
    }
    const checked = validate(envelope.event, envelope.eventId);
    if (!checked.ok) {
        return new Error(`event is invalid: ${checked.errors.map(error => `${error.field} ${error.reason}`).join("; ")}`);
    }
    return checked.value;
}

/** Writes the batch and returns the records that did not make it, with the reason. */
export async function writeBatch(
    deps: ConsumerDependencies,
    settings: ConsumerSettings,
    records: KinesisStreamRecord[],
): Promise<BatchOutcome> {
    const failures = new Map<KinesisStreamRecord, Error>();
    const decoded: { record: KinesisStreamRecord; line: InvoiceLine }[] = [];
    for (const record of records) {
        const line = lineOf(record, deps.validate);
        if (line instanceof Error) {
            failures.set(record, new Error(`record ${record.kinesis.sequenceNumber}: ${line.message}`));
        } else {
            decoded.push({ record, line });
        }
    }
    const lines = await writeLines(
        deps.dynamo,
        deps.tables.invoices,
        decoded.map(entry => entry.line),
        settings.retry,
    );
    const written = decoded.filter(entry => !lines.failed.has(entry.line.eventId));
    const aggregates = await applyCustomerAggregates(
        deps.dynamo,
        deps.tables,
        written.map(entry => entry.line),
        settings.retry,
    );
    for (const { record, line } of decoded) {
        if (lines.failed.has(line.eventId)) {
            failures.set(record, new Error(`record ${record.kinesis.sequenceNumber}: invoice line not written after retries`));
        } else if (aggregates.failed.has(line.eventId)) {
            failures.set(record, new Error(`record ${record.kinesis.sequenceNumber}: customer aggregate not updated after retries`));
        }
    }
    return { failures, writeRequests: lines.requests + aggregates.requests };
}

export async function consumeBatch(
    deps: ConsumerDependencies,
    settings: ConsumerSettings,
    event: KinesisStreamEvent,
): Promise<KinesisStreamBatchResponse> {
    const { failures } = await writeBatch(deps, settings, event.Records ?? []);
    for (const error of failures.values()) {
        deps.log.warn("stream record not applied", { reason: error.message });
    }
    // Powertools shapes the response; when every record failed it throws, so the whole batch is retried.
    return processPartialResponse(
        event,
        async (record: KinesisStreamRecord) => {
            const failure = failures.get(record);
            if (failure !== undefined) {
                throw failure;
            }
        },
        new BatchProcessor(EventType.KinesisDataStreams),
        { processInParallel: false },
    );
}
