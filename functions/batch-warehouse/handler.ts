// The warehouse runner: the Lambda the state machine calls to start a load and to check it.
//   { action: "load", loadId }  -> when the load's processed prefix holds no Parquet (a run with no
//                                  new raw files), answers hasData: false and runs nothing;
//                                  otherwise evolves the table (schema-changes.ts), then submits the
//                                  load statements as one batch and returns its id
//                                  (the state machine polls DescribeStatement itself: a long COPY
//                                  waits in Wait states, not in a running Lambda)
//   { action: "quality" }       -> runs the check query, waits for it, returns the verdict
// Every failure throws (bad input: RunnerInputError, never retried; a failed or aborted statement): the task fails and the state
// machine's Retry/Catch see it. Nothing here returns an error-shaped success.
import { RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { S3Client } from "@aws-sdk/client-s3";
import { warehouseError } from "./errors";
import { PollSettings, queryOneRow, submitBatch, WarehouseTarget } from "./data-api";
import { judgeQuality, QualityRow, QualityVerdict } from "./quality";
import { SourceConfig } from "./source-config";
import { dataApiSqlRunner, evolveBeforeLoad } from "./schema-changes";
import { prefixHasParquet } from "./load-prefix";
import { loadPrefix, loadStatements, qualityStatement } from "./warehouse-sql";

/** `source` names the declared source (the state machine of each source passes its own). */
export type RunnerEvent = { action: "load"; source?: string; loadId: string } | { action: "quality"; source?: string };

export interface RunnerSettings {
    target: WarehouseTarget;
    /** s3://<processed bucket>/<prefix> the Glue job writes under. */
    processedRoot: string;
    /** Role the namespace uses for COPY (reads the processed zone only). */
    copyRoleArn: string;
    poll: PollSettings;
}

export interface LoadStarted {
    hasData: true;
    statementId: string;
    loadId: string;
    statements: number;
    /** Columns the source's file maps that the table lacked, added (nullable) before this load. */
    addedColumns: string[];
}

/** The answer for a run that wrote no Parquet: nothing submitted (statementId null, so the
 * state machine's selector still resolves). */
export interface NoNewData {
    hasData: false;
    statementId: null;
    loadId: string;
}

export type LoadAnswer = LoadStarted | NoNewData;

export function numericRow(row: Record<string, unknown>): QualityRow {
    // The Data API returns DECIMAL results as text: "0.3500".
    const numbers: QualityRow = {};
    for (const [name, value] of Object.entries(row)) {
        const parsed = typeof value === "string" ? Number(value) : value;
        if (typeof parsed === "number" && Number.isFinite(parsed)) {
            numbers[name] = parsed;
        }
    }
    return numbers;
}

export async function runWarehouseAction(
    event: RunnerEvent,
    client: RedshiftDataClient,
    source: SourceConfig,
    settings: RunnerSettings,
    s3: S3Client,
): Promise<LoadAnswer | QualityVerdict> {
    if (event?.action === "load") {
        let statements: string[];
        try {
            statements = loadStatements(source, {
                processedRoot: settings.processedRoot,
                roleArn: settings.copyRoleArn,
                loadId: event.loadId,
            });
        } catch (error) {
            throw warehouseError("RunnerInputError", (error as Error).message);
        }
        if (!(await prefixHasParquet(s3, loadPrefix(source, settings.processedRoot, event.loadId)))) {
            return { hasData: false, statementId: null, loadId: event.loadId };
        }
        const addedColumns = await evolveBeforeLoad(
            dataApiSqlRunner(client, settings.target, settings.poll),
            source,
            event.loadId,
            "redshift",
        );
        const statementId = await submitBatch(client, settings.target, statements);
        return { hasData: true, statementId, loadId: event.loadId, statements: statements.length, addedColumns };
    }
    if (event?.action === "quality") {
        const row = await queryOneRow(client, settings.target, qualityStatement(source), settings.poll);
        return judgeQuality(numericRow(row), source.warehouse.quality);
    }
    throw warehouseError("RunnerInputError", `unknown action ${JSON.stringify((event as { action?: unknown })?.action)}`);
}
