// Mirrors a DynamoDB stream into an OpenSearch index. The batch goes to OpenSearch as one bulk
// request in stream order (so per-key order holds); a record that is malformed or refused fails
// alone and is reported in the partial batch response, which Lambda retries from.
import type { Client } from "@opensearch-project/opensearch";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { BulkAction, BulkOptions, writeBulk } from "./bulk-writer";
import { processBatch } from "../runtime/partial-batch";
import type { Log } from "./dependencies";
import { actionOf } from "./stream-records";

export interface SyncDependencies {
    openSearch: Client;
    log: Log;
}

export interface SyncSettings {
    index: string;
    /** The table's partition key attribute: it becomes the document id. */
    keyAttribute: string;
    bulk: Omit<BulkOptions, "index">;
}

/** The error of each record that did not reach the index. Throws when OpenSearch is unreachable. */
async function failuresOf(deps: SyncDependencies, settings: SyncSettings, records: DynamoDBRecord[]): Promise<Map<DynamoDBRecord, Error>> {
    const failures = new Map<DynamoDBRecord, Error>();
    const planned: { record: DynamoDBRecord; action: BulkAction }[] = [];
    for (const record of records) {
        try {
            planned.push({ record, action: actionOf(record, settings.keyAttribute) });
        } catch (error) {
            failures.set(record, error as Error);
        }
    }
    if (planned.length > 0) {
        const outcomes = await writeBulk(
            deps.openSearch,
            planned.map(entry => entry.action),
            { ...settings.bulk, index: settings.index },
        );
        outcomes.forEach((outcome, position) => {
            if (!outcome.ok) {
                const { record } = planned[position];
                failures.set(
                    record,
                    new Error(`stream record ${record.eventID ?? "(no eventID)"}: OpenSearch refused it (${outcome.reason})`),
                );
            }
        });
    }
    return failures;
}

export async function syncStreamBatch(
    deps: SyncDependencies,
    settings: SyncSettings,
    event: DynamoDBStreamEvent,
): Promise<DynamoDBBatchResponse> {
    const failures = await failuresOf(deps, settings, event.Records ?? []);
    for (const error of failures.values()) {
        deps.log.warn("stream record not mirrored", { reason: error.message });
    }
    return processBatch("DynamoDBStreams", { Records: event.Records ?? [] }, async (record: DynamoDBRecord) => {
        const failure = failures.get(record);
        if (failure !== undefined) {
            throw failure;
        }
    });
}
