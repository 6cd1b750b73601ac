import { warehouseError } from "./errors";

// A warehouse source (sources/<name>.json) as the SQL generator sees it. The Glue transform reads
// the same file (glue/source_spec.py); both derive the processed files' columns from it, so the
// staging table always matches what the job wrote.

export const columnTypes = ["string", "integer", "decimal", "timestamp", "boolean"] as const;
export type ColumnType = (typeof columnTypes)[number];

export interface SourceColumn {
    name: string;
    source: string;
    aliases?: string[];
    type: ColumnType;
    required?: boolean;
    /** string: maximum length in characters (default 256). */
    length?: number;
    /** decimal: precision and scale (defaults 18 and 2). */
    precision?: number;
    scale?: number;
    /** timestamp: accepted formats (Spark datetime patterns), tried in order. */
    formats?: string[];
}

export interface QualityThresholds {
    /** Fewer rows than this in one load fails the run (0 admits empty loads). */
    minRows: number;
    /** Highest share of nulls (0..1) each named column may have among the rows of one load. */
    maxNullRate: Record<string, number>;
}

export interface WarehouseTarget {
    schema: string;
    table: string;
    /** Column the rows are distributed on (DISTSTYLE KEY); omitted: DISTSTYLE AUTO. */
    distKey?: string;
    /** Compound sort key columns, in order; omitted: SORTKEY AUTO. */
    sortKey?: string[];
    quality: QualityThresholds;
}

export interface SourceConfig {
    name: string;
    description?: string;
    /** What the raw files hold: JSON (objects or lines) or CSV with a header row. */
    format: "json" | "csv";
    columns: SourceColumn[];
    cancellation?: { column: string; prefix: string };
    quantityColumn?: string;
    dedupeKey?: string[];
    /** Timestamp column whose date partitions the processed files; omitted: the load's date. */
    partitionColumn?: string;
    warehouse: WarehouseTarget;
}

/** Columns the transform adds around the source's own (names fixed in glue/source_spec.py). */
export const keyColumn = "record_key";
export const lineTypeColumn = "line_type";
export const loadIdColumn = "load_id";

/** Lower-case letters, digits and underscores, at most 127 bytes (Redshift's identifier limit). */
export const identifierPattern = /^[a-z_][a-z0-9_]{0,126}$/;

function requireIdentifier(what: string, value: unknown): string {
    if (typeof value !== "string" || !identifierPattern.test(value)) {
        throw warehouseError("SourceConfigError", `${what} ${JSON.stringify(value)} is not a lower-case identifier (letters, digits, _)`);
    }
    return value;
}

/** Validates a parsed source file; throws SourceConfigError naming the first problem. */
export function validateSource(source: SourceConfig): SourceConfig {
    requireIdentifier("source name", source.name);
    if (!Array.isArray(source.columns) || source.columns.length === 0) {
        throw warehouseError("SourceConfigError", `${source.name}: no columns`);
    }
    const names = source.columns.map(column => requireIdentifier(`${source.name}: column`, column.name));
    if (new Set(names).size !== names.length) {
        throw warehouseError("SourceConfigError", `${source.name}: duplicate column names`);
    }
    for (const column of source.columns) {
        if (!columnTypes.includes(column.type)) {
            throw warehouseError(
                "SourceConfigError",
                `${source.name}.${column.name}: type ${JSON.stringify(column.type)} is not one of ${columnTypes.join(", ")}`,
            );
        }
    }
    const known = (what: string, name: string): void => {
        if (!names.includes(name)) {
            throw warehouseError("SourceConfigError", `${source.name}: ${what} ${JSON.stringify(name)} is not a column`);
        }
    };
    const reserved = [keyColumn, lineTypeColumn, loadIdColumn, "first_load_id", "last_load_id", "event_date"];
    for (const name of names.filter(n => reserved.includes(n))) {
        throw warehouseError("SourceConfigError", `${source.name}: column name ${name} is reserved for the pipeline`);
    }
    (source.dedupeKey ?? []).forEach(name => known("dedupe key column", name));
    if (source.partitionColumn !== undefined) {
        known("partition column", source.partitionColumn);
        if (source.columns.find(column => column.name === source.partitionColumn)?.type !== "timestamp") {
            throw warehouseError("SourceConfigError", `${source.name}: partition column ${source.partitionColumn} is not a timestamp`);
        }
    }
    if (source.format !== "json" && source.format !== "csv") {
        throw warehouseError("SourceConfigError", `${source.name}: format ${JSON.stringify(source.format)} is not json or csv`);
    }
    const target = source.warehouse;
    requireIdentifier(`${source.name}: warehouse schema`, target?.schema);
    requireIdentifier(`${source.name}: warehouse table`, target?.table);
    if (target.table.length > 119) {
        throw warehouseError("SourceConfigError", `${source.name}: warehouse table name leaves no room for the _staging suffix`);
    }
    const outputs = outputColumns(source);
    if (target.distKey !== undefined && !outputs.includes(target.distKey)) {
        throw warehouseError("SourceConfigError", `${source.name}: distKey ${JSON.stringify(target.distKey)} is not a column`);
    }
    for (const name of target.sortKey ?? []) {
        if (!outputs.includes(name)) {
            throw warehouseError("SourceConfigError", `${source.name}: sortKey column ${JSON.stringify(name)} is not a column`);
        }
    }
    for (const [name, rate] of Object.entries(target.quality?.maxNullRate ?? {})) {
        known("null-rate column", name);
        if (!(rate >= 0 && rate <= 1)) {
            throw warehouseError("SourceConfigError", `${source.name}: maxNullRate of ${name} must be between 0 and 1`);
        }
    }
    if (!Number.isInteger(target.quality?.minRows) || target.quality.minRows < 0) {
        throw warehouseError("SourceConfigError", `${source.name}: quality.minRows must be a whole number >= 0`);
    }
    return source;
}

/** Columns of the processed Parquet files, in file order (glue/source_spec.py output_columns). */
export function outputColumns(source: SourceConfig): string[] {
    return [keyColumn, ...source.columns.map(column => column.name), lineTypeColumn, loadIdColumn];
}
