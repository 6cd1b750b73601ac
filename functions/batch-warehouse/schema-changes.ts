// Schema evolution before each load (functions/sources/schema-evolution.ts): the target table is
// created when missing, then every column the source's file maps and the table lacks is added as
// a nullable column and recorded in <schema>.source_schema_changes. Rows whose values do not fit a
// column's type never reach the load: the Glue transform rejects each with its reason.
import { GetStatementResultCommand, RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { evolveAndSplit, EvolutionTarget, SqlRunner } from "../sources/schema-evolution";
import type { FieldType } from "../sources/source-definition";
import { PollSettings, submitStatement, waitForStatement, WarehouseTarget } from "./data-api";
import type { SourceConfig } from "./source-config";
import { Dialect, targetDdl } from "./warehouse-sql";

type Row = Record<string, unknown>;

/** Every row of a finished statement, across result pages, keyed by column label. */
async function allRows(client: RedshiftDataClient, id: string): Promise<Row[]> {
    const rows: Row[] = [];
    let token: string | undefined;
    do {
        const page = await client.send(new GetStatementResultCommand({ Id: id, NextToken: token }));
        const labels = (page.ColumnMetadata ?? []).map(column => column.label ?? column.name ?? "");
        for (const record of page.Records ?? []) {
            rows.push(
                Object.fromEntries(
                    labels.map((label, index) => {
                        const field = record[index] ?? { isNull: true };
                        return [
                            label,
                            field.isNull ? null : (field.stringValue ?? field.longValue ?? field.doubleValue ?? field.booleanValue ?? null),
                        ];
                    }),
                ),
            );
        }
        token = page.NextToken;
    } while (token);
    return rows;
}

/** The Data API as a SqlRunner: each statement submitted and waited for, its rows read when it has any. */
export function dataApiSqlRunner(client: RedshiftDataClient, target: WarehouseTarget, poll: PollSettings): SqlRunner {
    return {
        async query(sql) {
            const id = await submitStatement(client, target, sql);
            const { hasResultSet } = await waitForStatement(client, id, poll);
            return { rows: hasResultSet ? await allRows(client, id) : [] };
        },
    };
}

/** The source's columns as schema evolution reads a mapping. */
export function evolutionTargetOf(source: SourceConfig, loadId: string): EvolutionTarget {
    return {
        source: source.name,
        schema: source.warehouse.schema,
        table: source.warehouse.table,
        mapping: Object.fromEntries(
            source.columns.map(column => [column.name, { from: column.source, type: column.type as FieldType, required: false }]),
        ),
        loadId,
    };
}

/** Creates the target when missing and adds the mapped columns it lacks; returns the added columns. */
export async function evolveBeforeLoad(db: SqlRunner, source: SourceConfig, loadId: string, dialect: Dialect): Promise<string[]> {
    for (const sql of targetDdl(source, dialect)) {
        await db.query(sql);
    }
    const { added } = await evolveAndSplit(db, evolutionTargetOf(source, loadId), []);
    return added.map(change => change.column);
}
