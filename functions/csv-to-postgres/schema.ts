// The target table's shape: read from the catalog, created or extended for a file's header.
import type { ClientBase } from "pg";
import { catalogNameOf, checkFor, inferType, ValueCheck } from "./column-types";
import { FileRejection, maxTableColumns } from "./errors";
import { Header } from "./header";
import { quoteIdentifier } from "./identifiers";

export interface CatalogColumn {
    name: string;
    typeName: string;
    typeModifier: number;
    /** The type as SQL spells it (format_type), for the staging table. */
    sqlType: string;
    notNull: boolean;
    hasDefault: boolean;
}

/** How each header column is checked and staged. */
export interface LoadColumn {
    name: string;
    sqlType: string;
    /** Human name of the type, for reject reasons. */
    typeLabel: string;
    check: ValueCheck;
    required: boolean;
}

export interface TablePlan {
    table: string;
    exists: boolean;
    columns: LoadColumn[];
    /** DDL to run before staging (create the table, or add new columns). */
    ddl: string[];
}

export function qualifiedName(schema: string, table: string): string {
    return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/** Columns of an existing table; undefined when there is no such table. */
export async function readTable(client: ClientBase, schema: string, table: string): Promise<CatalogColumn[] | undefined> {
    const relation = qualifiedName(schema, table);
    const exists = await client.query<{ exists: boolean }>("SELECT to_regclass($1) IS NOT NULL AS exists", [relation]);
    if (!exists.rows[0].exists) {
        return undefined;
    }
    const { rows } = await client.query<CatalogColumn>(
        `SELECT a.attname AS "name", t.typname AS "typeName", a.atttypmod AS "typeModifier",
                format_type(a.atttypid, a.atttypmod) AS "sqlType", a.attnotnull AS "notNull", a.atthasdef AS "hasDefault"
           FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
          WHERE a.attrelid = to_regclass($1) AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY a.attnum`,
        [relation],
    );
    return rows;
}

/** Whether a unique index covers exactly `column` (what ON CONFLICT needs). */
export async function hasUniqueIndex(client: ClientBase, schema: string, table: string, column: string): Promise<boolean> {
    const { rows } = await client.query(
        `SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
          WHERE i.indrelid = to_regclass($1) AND i.indisunique AND i.indnkeyatts = 1
            AND i.indexprs IS NULL AND i.indpred IS NULL AND a.attname = $2`,
        [qualifiedName(schema, table), column],
    );
    return rows.length > 0;
}

function samplesOf(sample: string[][], index: number): string[] {
    return sample.map(fields => fields[index] ?? "");
}

/** Plans the table for a header and the first rows of a file; throws FileRejection when it cannot load. */
export function planTable(
    schema: string,
    table: string,
    header: Header,
    sample: string[][],
    existing: CatalogColumn[] | undefined,
): TablePlan {
    const byName = new Map((existing ?? []).map(column => [column.name, column]));
    const ddl: string[] = [];
    const added: string[] = [];
    const columns = header.columns.map((name, index): LoadColumn => {
        const current = byName.get(name);
        if (current !== undefined) {
            const check = checkFor(current);
            if (check === undefined) {
                throw new FileRejection(`column ${name} of table ${table} has type ${current.sqlType}, which the loader cannot check`);
            }
            return { name, sqlType: current.sqlType, typeLabel: current.sqlType, check, required: current.notNull };
        }
        const inferred = inferType(samplesOf(sample, index));
        added.push(`${quoteIdentifier(name)} ${inferred}`);
        return {
            name,
            sqlType: inferred,
            typeLabel: inferred,
            check: checkFor({ typeName: catalogNameOf[inferred], typeModifier: -1 })!,
            required: false,
        };
    });
    const relation = qualifiedName(schema, table);
    if (existing === undefined) {
        ddl.push(`CREATE TABLE ${relation} (${added.join(", ")})`);
    } else {
        ddl.push(...added.map(column => `ALTER TABLE ${relation} ADD COLUMN ${column}`));
        const missing = existing.filter(column => column.notNull && !column.hasDefault && !header.columns.includes(column.name));
        if (missing.length > 0) {
            throw new FileRejection(`table ${table} requires column(s) ${missing.map(c => c.name).join(", ")}, which the header lacks`);
        }
    }
    if (header.key !== undefined) {
        if (existing !== undefined && header.columns.length >= maxTableColumns) {
            // The staging table of an upsert has one more column: the line number.
            throw new FileRejection(
                `an upsert of ${header.columns.length} columns needs a staging table wider than PostgreSQL allows; at most ${maxTableColumns - 1}`,
            );
        }
        columns[header.key.index].required = true;
    }
    return { table, exists: existing !== undefined, columns, ddl };
}
