// Statements of a source table's schema evolution: read its columns, add a nullable column, and
// record each change in <schema>.source_schema_changes. The same text runs on Redshift (Data API)
// and PostgreSQL; identifiers are validated before they get here and always quoted, literals
// quoted with quotes doubled, by the warehouse SQL's own quoting.
import { quoteIdentifier, quoteLiteral } from "../batch-warehouse/sql-text";
import type { FieldType } from "./source-definition";

export const changeLogTable = "source_schema_changes";

/** Lower-case identifier as Redshift folds it; a field name that is not one cannot become a column. */
export const columnPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** SQL type of a column added for a new field (sized generously: the field's range is unknown). */
export function sqlType(type: FieldType): string {
    switch (type) {
        case "string":
            return "VARCHAR(4096)";
        case "integer":
            return "BIGINT";
        case "decimal":
            return "DECIMAL(38, 10)";
        case "timestamp":
            return "TIMESTAMP";
        case "boolean":
            return "BOOLEAN";
    }
}

/** The field type of a column as information_schema reports it (Redshift and PostgreSQL agree). */
export function fieldTypeOf(dataType: string): FieldType {
    const type = dataType.toLowerCase();
    if (/^(bigint|integer|smallint)$/.test(type)) return "integer";
    if (/^(numeric|decimal|double precision|real)$/.test(type)) return "decimal";
    if (type.startsWith("timestamp") || type === "date") return "timestamp";
    if (type === "boolean") return "boolean";
    return "string";
}

export function columnsQuery(schema: string, table: string): string {
    return (
        `SELECT column_name, data_type FROM information_schema.columns\n` +
        `WHERE table_schema = ${quoteLiteral(schema)} AND table_name = ${quoteLiteral(table)}\nORDER BY ordinal_position;`
    );
}

/** No NOT NULL and no default: rows loaded before the field existed read NULL. */
export function addColumnStatement(schema: string, table: string, column: string, type: FieldType): string {
    return `ALTER TABLE ${quoteIdentifier(schema)}.${quoteIdentifier(table)} ADD COLUMN ${quoteIdentifier(column)} ${sqlType(type)};`;
}

export function changeLogDdl(schema: string): string {
    return (
        `CREATE TABLE IF NOT EXISTS ${quoteIdentifier(schema)}.${quoteIdentifier(changeLogTable)} (\n` +
        `    "source" VARCHAR(64) NOT NULL,\n    "table_name" VARCHAR(128) NOT NULL,\n    "column_name" VARCHAR(128) NOT NULL,\n` +
        `    "column_type" VARCHAR(32) NOT NULL,\n    "field" VARCHAR(256) NOT NULL,\n    "load_id" VARCHAR(128) NOT NULL,\n` +
        `    "changed_at" TIMESTAMP NOT NULL\n);`
    );
}

export interface ColumnChange {
    source: string;
    table: string;
    column: string;
    type: FieldType;
    field: string;
    loadId: string;
    changedAt: Date;
}

export function recordChangeStatement(schema: string, change: ColumnChange): string {
    const values = [
        change.source,
        change.table,
        change.column,
        sqlType(change.type),
        change.field,
        change.loadId,
        change.changedAt.toISOString().replace("T", " ").replace("Z", ""),
    ];
    return (
        `INSERT INTO ${quoteIdentifier(schema)}.${quoteIdentifier(changeLogTable)} ` +
        `("source", "table_name", "column_name", "column_type", "field", "load_id", "changed_at")\nVALUES (${values.map(quoteLiteral).join(", ")});`
    );
}
