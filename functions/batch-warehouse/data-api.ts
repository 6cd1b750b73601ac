// Runs warehouse SQL through the Redshift Data API: submit, then poll until the statement is
// FINISHED, FAILED or ABORTED. A failed or aborted statement, or one that outlives its deadline,
// throws: the Lambda fails, so Step Functions sees a task failure (retried or caught), never a
// success-shaped error body.
import {
    BatchExecuteStatementCommand,
    DescribeStatementCommand,
    ExecuteStatementCommand,
    Field,
    GetStatementResultCommand,
    RedshiftDataClient,
} from "@aws-sdk/client-redshift-data";
import { warehouseError } from "./errors";

export interface WarehouseTarget {
    workgroupName: string;
    database: string;
}

export interface PollSettings {
    /** Pause between DescribeStatement calls. */
    intervalMs: number;
    /** Give up (a StatementTimeoutError) after this long. */
    timeoutMs: number;
}

const sleep = (ms: number): Promise<void> => new Promise(resolve => setTimeout(resolve, ms));

export async function submitStatement(client: RedshiftDataClient, target: WarehouseTarget, sql: string): Promise<string> {
    const { Id } = await client.send(
        new ExecuteStatementCommand({ WorkgroupName: target.workgroupName, Database: target.database, Sql: sql }),
    );
    if (!Id) {
        throw new Error("ExecuteStatement returned no statement id");
    }
    return Id;
}

/** Submits statements that run in order as one transaction; returns the batch's statement id. */
export async function submitBatch(client: RedshiftDataClient, target: WarehouseTarget, sqls: string[]): Promise<string> {
    const { Id } = await client.send(
        new BatchExecuteStatementCommand({ WorkgroupName: target.workgroupName, Database: target.database, Sqls: sqls }),
    );
    if (!Id) {
        throw new Error("BatchExecuteStatement returned no statement id");
    }
    return Id;
}

/** Polls until FINISHED (returns whether it has a result set) or throws on FAILED/ABORTED/deadline. */
export async function waitForStatement(client: RedshiftDataClient, id: string, poll: PollSettings): Promise<{ hasResultSet: boolean }> {
    const deadline = Date.now() + poll.timeoutMs;
    for (;;) {
        const statement = await client.send(new DescribeStatementCommand({ Id: id }));
        switch (statement.Status) {
            case "FINISHED":
                return { hasResultSet: statement.HasResultSet === true };
            case "FAILED":
                throw warehouseError("StatementFailedError", `statement ${id} failed: ${statement.Error ?? "no reason given"}`);
            case "ABORTED":
                throw warehouseError("StatementAbortedError", `statement ${id} was aborted`);
        }
        if (Date.now() + poll.intervalMs > deadline) {
            throw warehouseError("StatementTimeoutError", `statement ${id} did not finish within ${poll.timeoutMs} ms`);
        }
        await sleep(poll.intervalMs);
    }
}

function fieldValue(field: Field): number | string | boolean | null {
    if (field.isNull) {
        return null;
    }
    if (field.longValue !== undefined) {
        return field.longValue;
    }
    if (field.doubleValue !== undefined) {
        return field.doubleValue;
    }
    if (field.booleanValue !== undefined) {
        return field.booleanValue;
    }
    return field.stringValue ?? null;
}

/** The first row of a finished statement's result, keyed by column label. */
export async function firstRow(client: RedshiftDataClient, id: string): Promise<Record<string, number | string | boolean | null>> {
    const result = await client.send(new GetStatementResultCommand({ Id: id }));
    const labels = (result.ColumnMetadata ?? []).map(column => column.label ?? column.name ?? "");
    const [record] = result.Records ?? [];
    if (!record) {
        throw new Error(`statement ${id} returned no rows`);
    }
    return Object.fromEntries(labels.map((label, index) => [label, fieldValue(record[index] ?? { isNull: true })]));
}

/** Submit, wait, and return the first row: for the short check queries. */
export async function queryOneRow(
    client: RedshiftDataClient,
    target: WarehouseTarget,
    sql: string,
    poll: PollSettings,
): Promise<Record<string, number | string | boolean | null>> {
    const id = await submitStatement(client, target, sql);
    await waitForStatement(client, id, poll);
    return firstRow(client, id);
}
