// The warehouse statements of one source: DDL with the configured distribution and sort keys,
// COPY of one load's Parquet files into a staging table, a dedupe of staging, and one MERGE into
// the target on the record key. Nothing is replaced or truncated: rows of earlier loads stay
// (history), and merging the same load twice changes nothing (idempotent). COPY runs without
// MAXERROR, so a row Redshift cannot read fails the load instead of vanishing.
//
// `dialect: "postgres"` emits the same statements without Redshift's physical clauses, for running
// the semantics on PostgreSQL; docs/batch-warehouse.md lists what that leaves different.
import { keyColumn, loadIdColumn, outputColumns, SourceColumn, SourceConfig } from "./source-config";
import { checkedLoadId, checkedRoleArn, checkedS3Uri, qualifiedName, quoteIdentifier, quoteLiteral } from "./sql-text";

export type Dialect = "redshift" | "postgres";

const firstLoadColumn = "first_load_id";
const lastLoadColumn = "last_load_id";

/** Redshift type of each processed column. VARCHAR lengths are bytes in Redshift, characters in
 * the transform's check: four bytes per character leaves room for any UTF-8 text. */
function columnType(column: SourceColumn): string {
    switch (column.type) {
        case "string":
            return `VARCHAR(${(column.length ?? 256) * 4})`;
        case "integer":
            return "BIGINT";
        case "decimal":
            return `DECIMAL(${column.precision ?? 18}, ${column.scale ?? 2})`;
        case "timestamp":
            return "TIMESTAMP";
        case "boolean":
            return "BOOLEAN";
    }
}

interface ColumnDefinition {
    name: string;
    type: string;
    notNull: boolean;
}

function processedColumns(source: SourceConfig): ColumnDefinition[] {
    const byName = new Map(source.columns.map(column => [column.name, column]));
    return outputColumns(source).map(name => {
        const column = byName.get(name);
        if (column) {
            return { name, type: columnType(column), notNull: column.required === true };
        }
        return { name, type: name === keyColumn ? "VARCHAR(64)" : name === loadIdColumn ? "VARCHAR(128)" : "VARCHAR(16)", notNull: true };
    });
}

function targetColumns(source: SourceConfig): ColumnDefinition[] {
    const business = processedColumns(source).filter(column => column.name !== loadIdColumn);
    return [
        ...business,
        { name: firstLoadColumn, type: "VARCHAR(128)", notNull: true },
        { name: lastLoadColumn, type: "VARCHAR(128)", notNull: true },
    ];
}

function columnList(columns: ColumnDefinition[]): string {
    return columns.map(c => `    ${quoteIdentifier(c.name)} ${c.type}${c.notNull ? " NOT NULL" : ""}`).join(",\n");
}

/** DISTSTYLE/DISTKEY and SORTKEY from the source's config (Redshift only). */
function physicalClauses(source: SourceConfig, dialect: Dialect, withSortKey: boolean): string {
    if (dialect === "postgres") {
        return "";
    }
    const { distKey, sortKey } = source.warehouse;
    const distribution = distKey ? `\nDISTSTYLE KEY\nDISTKEY (${quoteIdentifier(distKey)})` : "\nDISTSTYLE AUTO";
    if (!withSortKey) {
        return distribution;
    }
    const sort = sortKey && sortKey.length > 0 ? `\nCOMPOUND SORTKEY (${sortKey.map(quoteIdentifier).join(", ")})` : "\nSORTKEY AUTO";
    return distribution + sort;
}

export interface WarehouseNames {
    target: string;
    staging: string;
    latest: string;
}

export function warehouseNames(source: SourceConfig): WarehouseNames {
    const { schema, table } = source.warehouse;
    return {
        target: qualifiedName(schema, table),
        staging: qualifiedName(schema, `${table}_staging`),
        latest: quoteIdentifier(`${table}_latest`),
    };
}

/** Schema and target table, created when missing and never dropped. */
export function targetDdl(source: SourceConfig, dialect: Dialect): string[] {
    const names = warehouseNames(source);
    return [
        `CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(source.warehouse.schema)};`,
        `CREATE TABLE IF NOT EXISTS ${names.target} (\n${columnList(targetColumns(source))},\n` +
            `    PRIMARY KEY (${quoteIdentifier(keyColumn)})\n)${physicalClauses(source, dialect, true)};`,
    ];
}

/** A fresh staging table shaped like the Parquet files (same order: COPY maps columns by position). */
export function stagingDdl(source: SourceConfig, dialect: Dialect): string[] {
    const names = warehouseNames(source);
    return [
        `DROP TABLE IF EXISTS ${names.staging};`,
        `CREATE TABLE ${names.staging} (\n${columnList(processedColumns(source))}\n)${physicalClauses(source, dialect, false)};`,
    ];
}

export interface LoadLocation {
    /** s3://bucket/processed/ : the processed zone root the Glue job writes under. */
    processedRoot: string;
    /** Role the namespace assumes to read the processed zone. */
    roleArn: string;
    loadId: string;
}

/** The processed prefix of one load: <root>/<source>/load_id=<id>/ (glue/warehouse_transform.py). */
export function loadPrefix(source: SourceConfig, processedRoot: string, loadId: string): string {
    return checkedS3Uri(`${processedRoot.replace(/\/+$/, "")}/${source.name}/load_id=${checkedLoadId(loadId)}/`);
}

/** COPY of one load's Parquet files into staging; no MAXERROR: one unreadable row fails the COPY. */
export function copyStatement(source: SourceConfig, location: LoadLocation): string {
    const uri = loadPrefix(source, location.processedRoot, location.loadId);
    return (
        `COPY ${warehouseNames(source).staging}\nFROM ${quoteLiteral(uri)}\n` +
        `IAM_ROLE ${quoteLiteral(checkedRoleArn(location.roleArn))}\nFORMAT AS PARQUET;`
    );
}

/** One row per record key (the newest load wins), since MERGE refuses two source rows for one target row. */
export function dedupeStatement(source: SourceConfig): string {
    const names = warehouseNames(source);
    const columns = outputColumns(source).map(quoteIdentifier).join(", ");
    return (
        `CREATE TEMP TABLE ${names.latest} AS\nSELECT ${columns}\nFROM (\n` +
        `    SELECT ${columns},\n        ROW_NUMBER() OVER (PARTITION BY ${quoteIdentifier(keyColumn)} ORDER BY ${quoteIdentifier(loadIdColumn)} DESC) AS "row_rank"\n` +
        `    FROM ${names.staging}\n) AS "ranked"\nWHERE "row_rank" = 1;`
    );
}

/** One MERGE on the record key: new keys are inserted, known keys only note the latest load. */
export function mergeStatement(source: SourceConfig): string {
    const names = warehouseNames(source);
    const table = quoteIdentifier(source.warehouse.table);
    const key = quoteIdentifier(keyColumn);
    const business = outputColumns(source).filter(name => name !== loadIdColumn);
    const insertColumns = [...business, firstLoadColumn, lastLoadColumn].map(quoteIdentifier).join(", ");
    const load = `"source".${quoteIdentifier(loadIdColumn)}`;
    const insertValues = [...business.map(name => `"source".${quoteIdentifier(name)}`), load, load].join(", ");
    return (
        `MERGE INTO ${names.target}\nUSING ${names.latest} AS "source"\nON ${table}.${key} = "source".${key}\n` +
        `WHEN MATCHED THEN UPDATE SET ${quoteIdentifier(lastLoadColumn)} = ${load}\n` +
        `WHEN NOT MATCHED THEN INSERT (${insertColumns})\nVALUES (${insertValues});`
    );
}

/** Every statement of one load, in order; the Data API runs them as one transaction. */
export function loadStatements(source: SourceConfig, location: LoadLocation): string[] {
    return [
        ...targetDdl(source, "redshift"),
        ...stagingDdl(source, "redshift"),
        copyStatement(source, location),
        dedupeStatement(source),
        mergeStatement(source),
    ];
}

/** Counts in and out and the null rate of each thresholded column, for the rows of this load.
 * Static text: the load is whatever staging holds, so no value is pasted in. */
export function qualityStatement(source: SourceConfig): string {
    const names = warehouseNames(source);
    const nullRates = Object.keys(source.warehouse.quality.maxNullRate).map(
        name =>
            `,\n    COALESCE(AVG(CASE WHEN ${quoteIdentifier(name)} IS NULL THEN 1.0 ELSE 0.0 END), 0) AS ${quoteIdentifier(`null_rate_${name}`)}`,
    );
    return (
        `SELECT\n    (SELECT COUNT(*) FROM ${names.staging}) AS "rows_in",\n` +
        `    (SELECT COUNT(DISTINCT ${quoteIdentifier(keyColumn)}) FROM ${names.staging}) AS "distinct_in",\n` +
        `    COUNT(*) AS "rows_out"${nullRates.join("")}\nFROM ${names.target}\n` +
        `WHERE ${quoteIdentifier(lastLoadColumn)} IN (SELECT DISTINCT ${quoteIdentifier(loadIdColumn)} FROM ${names.staging});`
    );
}
