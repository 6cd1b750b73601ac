// A declared source (config/sources.ts) as BatchWarehouse's transform and load see it: the
// SourceConfig the Glue job receives as --source_config and the runner's SQL is generated from.
// One function, so the file under sources/ is the only place a source's columns are written.
import type { ColumnType, SourceColumn, SourceConfig } from "../functions/batch-warehouse/source-config";
import { validateSource } from "../functions/batch-warehouse/source-config";
import type { FieldMapping, SourceDefinition } from "../functions/sources/source-definition";

/** Formats a timestamp column without `formats` is read with (ISO 8601, with or without time). */
export const defaultTimestampFormats = ["yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX]", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

function column(name: string, field: FieldMapping): SourceColumn {
    // Key order as BatchWarehouse's own files had it: the Glue job argument is this object's JSON text.
    return {
        name,
        source: field.from,
        ...(field.aliases ? { aliases: [...field.aliases] } : {}),
        type: field.type as ColumnType,
        ...(field.length !== undefined ? { length: field.length } : {}),
        ...(field.type === "timestamp" ? { formats: [...(field.formats ?? defaultTimestampFormats)] } : {}),
        ...(field.precision !== undefined ? { precision: field.precision } : {}),
        ...(field.scale !== undefined ? { scale: field.scale } : {}),
        required: field.required,
    };
}

/** The source's SourceConfig, validated (throws SourceConfigError naming the problem). */
export function warehouseSourceConfig(source: SourceDefinition): SourceConfig {
    const columns = Object.entries(source.schema.mapping).map(([name, field]) => column(name, field));
    const { transform, redshift, quality } = source;
    const partitionColumn = transform.partitionColumn ?? columns.find(c => c.type === "timestamp")?.name;
    return validateSource({
        name: source.name,
        ...(source.description ? { description: source.description } : {}),
        format: source.schema.type === "csv" ? "csv" : "json",
        columns,
        ...(transform.cancellation ? { cancellation: { ...transform.cancellation } } : {}),
        ...(transform.quantityColumn ? { quantityColumn: transform.quantityColumn } : {}),
        ...(transform.dedupeKey ? { dedupeKey: [...transform.dedupeKey] } : {}),
        ...(partitionColumn ? { partitionColumn } : {}),
        warehouse: {
            schema: redshift.schema,
            table: redshift.table,
            ...(redshift.distkey ? { distKey: redshift.distkey } : {}),
            ...(redshift.sortkey.length > 0 ? { sortKey: [...redshift.sortkey] } : {}),
            quality: { minRows: quality.minRows, maxNullRate: { ...quality.maxNullRate } },
        },
    });
}
