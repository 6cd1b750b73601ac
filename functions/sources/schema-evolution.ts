// Schema evolution of a source's table, per load: a field the records carry that the table has no
// column for becomes a nullable column (type inferred from its values) and is recorded in the
// change log; a value that does not fit its column's type rejects that row with the reason, and
// the other rows load. Field names that cannot be identifiers are reported, never pasted into SQL.
import {
    addColumnStatement,
    changeLogDdl,
    ColumnChange,
    columnPattern,
    columnsQuery,
    fieldTypeOf,
    recordChangeStatement,
} from "./evolution-sql";
import { valueChecks } from "./file-check";
import type { FieldMapping, FieldType } from "./source-definition";

/** Any SQL client: node-postgres, or the Redshift Data API behind an adapter. */
export interface SqlRunner {
    query(sql: string): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface EvolutionTarget {
    source: string;
    schema: string;
    table: string;
    /** The source's own mapping: column name to field. */
    mapping: Record<string, FieldMapping>;
    loadId: string;
}

export type Row = Record<string, unknown>;

export interface EvolutionResult {
    added: ColumnChange[];
    /** Fields that could not become columns, with why. */
    skippedFields: { field: string; reason: string }[];
    /** Rows keyed by column name, ready to load. */
    accepted: Row[];
    rejected: { record: Row; reason: string }[];
}

const missing = (value: unknown) => value === undefined || value === null || value === "";

/** The narrowest type every non-empty value fits: boolean, integer, decimal, timestamp, else string. */
export function inferType(values: unknown[]): FieldType {
    const present = values.filter(value => !missing(value));
    const order: FieldType[] = ["boolean", "integer", "decimal", "timestamp"];
    const fits = order.find(
        type =>
            present.length > 0 && present.every(value => valueChecks[type](value) && (type !== "timestamp" || typeof value === "string")),
    );
    return fits ?? "string";
}

export async function evolveAndSplit(db: SqlRunner, target: EvolutionTarget, records: Row[], now = new Date()): Promise<EvolutionResult> {
    const existing = new Map(
        (await db.query(columnsQuery(target.schema, target.table))).rows.map(row => [
            String(row.column_name),
            fieldTypeOf(String(row.data_type)),
        ]),
    );
    if (existing.size === 0) {
        throw new Error(`table ${target.schema}.${target.table} does not exist: the load creates it before evolving it`);
    }
    const result: EvolutionResult = { added: [], skippedFields: [], accepted: [], rejected: [] };
    const addColumn = async (column: string, field: string, type: FieldType) => {
        const change: ColumnChange = {
            source: target.source,
            table: target.table,
            column,
            type,
            field,
            loadId: target.loadId,
            changedAt: now,
        };
        await db.query(addColumnStatement(target.schema, target.table, column, type));
        await db.query(changeLogDdl(target.schema));
        await db.query(recordChangeStatement(target.schema, change));
        existing.set(column, type);
        result.added.push(change);
    };
    // Fields added to the source's mapping since the table was created, then fields only the records carry.
    const columns = new Map<string, { field: string; type: FieldType }>();
    for (const [column, field] of Object.entries(target.mapping)) {
        if (!existing.has(column)) {
            await addColumn(column, field.from, field.type);
        }
        columns.set(column, { field: field.from, type: existing.get(column)! });
    }
    const mappedFields = new Set([...columns.values()].map(c => c.field));
    const newFields = [...new Set(records.flatMap(record => Object.keys(record)))].filter(field => !mappedFields.has(field));
    for (const field of newFields) {
        const column = field.toLowerCase();
        if (!columnPattern.test(column) || columns.has(column)) {
            result.skippedFields.push({
                field,
                reason: columns.has(column)
                    ? `column ${column} is already mapped from another field`
                    : "not usable as a column name (letters, digits and _ only)",
            });
            continue;
        }
        if (!existing.has(column)) {
            await addColumn(column, field, inferType(records.map(record => record[field])));
        }
        columns.set(column, { field, type: existing.get(column)! });
    }
    for (const record of records) {
        const problems = [...columns.entries()]
            .filter(([, c]) => !missing(record[c.field]) && !valueChecks[c.type](record[c.field]))
            .map(([column, c]) => `${column} is ${c.type}, got ${JSON.stringify(record[c.field]).slice(0, 40)}`);
        if (problems.length > 0) {
            result.rejected.push({ record, reason: `type conflict: ${problems.join("; ")}` });
        } else {
            result.accepted.push(
                Object.fromEntries(
                    [...columns.entries()].map(([column, c]) => [column, missing(record[c.field]) ? null : record[c.field]]),
                ),
            );
        }
    }
    return result;
}
