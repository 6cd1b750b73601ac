// The partial-batch response every stream and queue consumer returns: records whose handler throws
// are reported as failures (Lambda retries or bisects only those), through Powertools' BatchProcessor.
// When every record fails, Powertools throws, so the whole batch is retried.
import { BatchProcessor, EventType, processPartialResponse } from "@aws-lambda-powertools/batch";
import type { DynamoDBRecord, KinesisStreamRecord, SQSRecord } from "aws-lambda";

export interface BatchEvents {
    SQS: SQSRecord;
    KinesisDataStreams: KinesisStreamRecord;
    DynamoDBStreams: DynamoDBRecord;
}
export type BatchSource = keyof BatchEvents;

export interface PartialBatchResponse {
    batchItemFailures: { itemIdentifier: string }[];
}

/** Runs `handle` for each record in order (order matters on streams) and reports the failures. */
export async function processBatch<S extends BatchSource>(
    source: S,
    event: { Records: BatchEvents[S][] },
    handle: (record: BatchEvents[S]) => Promise<void>,
): Promise<PartialBatchResponse> {
    const processor = new BatchProcessor(EventType[source]);
    const response = await processPartialResponse(event, handle as (record: unknown) => Promise<void>, processor, {
        processInParallel: false,
    });
    return response as PartialBatchResponse;
}
