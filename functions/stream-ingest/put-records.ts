// Kinesis PutRecords within the API's limits (500 records and 5 MiB per call, 1 MiB per record),
// re-sending only the entries Kinesis failed, with backoff and jitter.
import { KinesisClient, PutRecordsCommand, PutRecordsRequestEntry } from "@aws-sdk/client-kinesis";
import { backoff, RetrySettings } from "../runtime/retry";

export const putRecordsLimits = { records: 500, callBytes: 5 * 1024 * 1024, recordBytes: 1024 * 1024 } as const;

export interface StreamRecord {
    data: Uint8Array;
    partitionKey: string;
}

export type PutOutcome = { ok: true; sequenceNumber: string; shardId: string } | { ok: false; errorCode: string; errorMessage: string };

export interface PutReport {
    outcomes: PutOutcome[];
    /** PutRecords calls made, retries included. */
    calls: number;
}

function entryBytes(record: StreamRecord): number {
    return record.data.byteLength + Buffer.byteLength(record.partitionKey, "utf8");
}

/** Positions of `records` grouped into calls that respect the count and size limits. */
export function planCalls(records: StreamRecord[], positions: number[]): number[][] {
    const calls: number[][] = [];
    let current: number[] = [];
    let bytes = 0;
    for (const position of positions) {
        const size = entryBytes(records[position]);
        if (current.length === putRecordsLimits.records || bytes + size > putRecordsLimits.callBytes) {
            calls.push(current);
            current = [];
            bytes = 0;
        }
        current.push(position);
        bytes += size;
    }
    if (current.length > 0) {
        calls.push(current);
    }
    return calls;
}

/**
 * Puts every record, answering for each one. Entries Kinesis fails (throttled, internal error) are
 * re-sent alone; a call that throws after the SDK's own retries fails its entries.
 */
export async function putAll(
    kinesis: KinesisClient,
    streamName: string,
    records: StreamRecord[],
    retry: RetrySettings,
): Promise<PutReport> {
    const outcomes: PutOutcome[] = new Array(records.length);
    let pending: number[] = [];
    records.forEach((record, position) => {
        if (entryBytes(record) > putRecordsLimits.recordBytes) {
            outcomes[position] = { ok: false, errorCode: "RecordTooLarge", errorMessage: "record exceeds 1 MiB" };
        } else {
            pending.push(position);
        }
    });
    let calls = 0;
    for (let attempt = 1; pending.length > 0 && attempt <= retry.maxAttempts; attempt++) {
        if (attempt > 1) {
            await backoff(retry, attempt - 1);
        }
        const failed: number[] = [];
        for (const call of planCalls(records, pending)) {
            const entries: PutRecordsRequestEntry[] = call.map(position => ({
                Data: records[position].data,
                PartitionKey: records[position].partitionKey,
            }));
            calls++;
            try {
                const response = await kinesis.send(new PutRecordsCommand({ StreamName: streamName, Records: entries }));
                if (response.Records?.length !== call.length) {
                    throw new Error(`PutRecords answered ${response.Records?.length ?? 0} of ${call.length} entries`);
                }
                (response.Records ?? []).forEach((result, index) => {
                    const position = call[index];
                    if (result.ErrorCode === undefined && result.SequenceNumber !== undefined) {
                        outcomes[position] = { ok: true, sequenceNumber: result.SequenceNumber, shardId: result.ShardId ?? "" };
                    } else {
                        outcomes[position] = {
                            ok: false,
                            errorCode: result.ErrorCode ?? "Unknown",
                            errorMessage: result.ErrorMessage ?? "",
                        };
                        failed.push(position);
                    }
                });
            } catch (error) {
                const failure = error as Error;
                call.forEach(position => {
                    outcomes[position] = { ok: false, errorCode: failure.name, errorMessage: failure.message };
                    failed.push(position);
                });
            }
        }
        pending = failed;
    }
    return { outcomes, calls };
}
