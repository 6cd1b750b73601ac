// A validated source file turned into its typed definition: defaults applied, column names
// lower-cased (Redshift folds unquoted identifiers to lower case), and the checks a JSON Schema
// cannot express (keys naming mapped columns, a body only with POST, decimal scale <= precision).
import { archiveBufferDefaults } from "../components/defaults/stream-ingest-defaults";
import {
    FieldMapping,
    FieldType,
    Pagination,
    PartitionPart,
    QualitySettings,
    SourceDefinition,
    SourceSchema,
    TransformSettings,
} from "../functions/sources/source-definition";
import type { SourceProblem } from "./sources";

type RawMapping =
    | string
    | {
          from: string;
          type?: FieldType;
          required?: boolean;
          length?: number;
          precision?: number;
          scale?: number;
          aliases?: string[];
          formats?: string[];
      };

/** The file as the schema admits it (every optional key may be missing). */
export interface RawSourceFile {
    source: {
        name: string;
        description?: string;
        type: SourceDefinition["type"];
        config: Record<string, unknown>;
        schema: { type: SourceSchema["type"]; mapping: Record<string, RawMapping> };
        destination: { bucket: string; prefix: string; partitionBy?: PartitionPart[] };
        redshift: { schema: string; table: string; distkey?: string; sortkey?: string | string[] };
        transform?: TransformSettings;
        quality?: Partial<QualitySettings>;
    };
}

export const sourceDefaults = {
    method: "GET",
    timeoutSeconds: 10,
    retries: { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 20_000 },
    maxPages: 100,
    pageSize: 100,
    maxSizeMb: 100,
    // A stream source's Firehose buffers as StreamIngest's archive does: fewer, larger objects.
    bufferSeconds: archiveBufferDefaults.intervalSeconds,
    bufferMb: archiveBufferDefaults.sizeMb,
    maxAttachmentMb: 10,
    archive: "firehose",
    minRows: 0,
    partitionBy: ["year", "month", "day"] as PartitionPart[],
} as const;

function mapping(raw: RawMapping): FieldMapping {
    if (typeof raw === "string") {
        return { from: raw, type: "string", required: false };
    }
    const { from, type = "string", required = false, ...sizes } = raw;
    return { from, type, required, ...sizes };
}

function pagination(raw: Record<string, unknown> | undefined): Pagination {
    const maxPages = (raw?.maxPages as number | undefined) ?? sourceDefaults.maxPages;
    const pageSize = (raw?.pageSize as number | undefined) ?? sourceDefaults.pageSize;
    switch (raw?.style) {
        case "offset":
            return {
                style: "offset",
                offsetParam: (raw.offsetParam as string) ?? "offset",
                limitParam: (raw.limitParam as string) ?? "limit",
                pageSize,
                maxPages,
            };
        case "page":
            return {
                style: "page",
                pageParam: (raw.pageParam as string) ?? "page",
                ...(raw.sizeParam ? { sizeParam: raw.sizeParam as string } : {}),
                pageSize,
                firstPage: (raw.firstPage as number) ?? 1,
                maxPages,
            };
        case "token":
            return { style: "token", tokenParam: (raw.tokenParam as string) ?? "next_token", tokenPath: raw.tokenPath as string, maxPages };
        default:
            return { style: "none", maxPages: 1 };
    }
}

function typedConfig(raw: RawSourceFile["source"]): Pick<SourceDefinition, "type" | "config"> {
    const c = raw.config;
    const d = sourceDefaults;
    switch (raw.type) {
        case "rest_api":
            return {
                type: "rest_api",
                config: {
                    endpoint: c.endpoint as string,
                    method: (c.method as "GET" | "POST") ?? d.method,
                    headers: (c.headers as Record<string, string>) ?? {},
                    query: Object.fromEntries(Object.entries((c.query as Record<string, unknown>) ?? {}).map(([k, v]) => [k, String(v)])),
                    ...(c.body !== undefined ? { body: c.body } : {}),
                    schedule: c.schedule as string,
                    recordsPath: (c.recordsPath as string) ?? "",
                    pagination: pagination(c.pagination as Record<string, unknown> | undefined),
                    timeoutSeconds: (c.timeoutSeconds as number) ?? d.timeoutSeconds,
                    retries: { ...d.retries, ...(c.retries as object) },
                },
            };
        case "s3":
            return {
                type: "s3",
                config: {
                    landingPrefix: (c.landingPrefix as string) ?? `landing/${raw.name}/`,
                    maxSizeMb: (c.maxSizeMb as number) ?? d.maxSizeMb,
                },
            };
        case "stream":
            return {
                type: "stream",
                config: {
                    stream: c.stream as string,
                    archive: (c.archive as "firehose" | "existing") ?? d.archive,
                    bufferSeconds: (c.bufferSeconds as number) ?? d.bufferSeconds,
                    bufferMb: (c.bufferMb as number) ?? d.bufferMb,
                },
            };
        case "email":
            return {
                type: "email",
                config: {
                    recipients: (c.recipients as string[]).map(r => r.toLowerCase()),
                    allowedSenders: (c.allowedSenders as string[]).map(s => s.toLowerCase()),
                    maxAttachmentMb: (c.maxAttachmentMb as number) ?? d.maxAttachmentMb,
                },
            };
    }
}

/** Transform settings naming columns as the warehouse does (lower case). */
function lowerCased(transform: TransformSettings): TransformSettings {
    const lower = (key: string) => key.toLowerCase();
    return {
        ...(transform.dedupeKey ? { dedupeKey: transform.dedupeKey.map(lower) } : {}),
        ...(transform.partitionColumn ? { partitionColumn: lower(transform.partitionColumn) } : {}),
        ...(transform.cancellation ? { cancellation: { ...transform.cancellation, column: lower(transform.cancellation.column) } } : {}),
        ...(transform.quantityColumn ? { quantityColumn: lower(transform.quantityColumn) } : {}),
    };
}

/** The definition, or the problems the schema could not see. */
export function normaliseSource(file: string, raw: RawSourceFile, secrets: string[]): SourceDefinition | SourceProblem[] {
    const s = raw.source;
    const problems: SourceProblem[] = [];
    const problem = (path: string, expected: string) => problems.push({ file, path: `/source${path}`, expected });
    const columns = new Map<string, FieldMapping>();
    for (const [key, value] of Object.entries(s.schema.mapping)) {
        const name = key.toLowerCase();
        if (columns.has(name)) {
            problem(`/schema/mapping/${key}`, `column names unique ignoring case (${key} is also mapped as ${name})`);
        }
        const field = mapping(value);
        if (field.scale !== undefined && field.scale > (field.precision ?? 18)) {
            problem(`/schema/mapping/${key}/scale`, `a scale no larger than the precision (${field.precision ?? 18})`);
        }
        columns.set(name, field);
    }
    const column = (path: string, key: string): string => {
        const name = key.toLowerCase();
        if (!columns.has(name)) {
            problem(path, `a column of schema.mapping (${key} is not mapped)`);
        }
        return name;
    };
    const distkey = s.redshift.distkey === undefined ? undefined : column("/redshift/distkey", s.redshift.distkey);
    const sortkeys = s.redshift.sortkey === undefined ? [] : Array.isArray(s.redshift.sortkey) ? s.redshift.sortkey : [s.redshift.sortkey];
    const sortkey = sortkeys.map((key, index) =>
        column(Array.isArray(s.redshift.sortkey) ? `/redshift/sortkey/${index}` : "/redshift/sortkey", key),
    );
    const transform = s.transform ?? {};
    const typed = (path: string, key: string, type: FieldType) => {
        const mapped = columns.get(key.toLowerCase());
        if (mapped && mapped.type !== type) {
            problem(path, `a column of type ${type} (${key} is ${mapped.type})`);
        }
    };
    (transform.dedupeKey ?? []).forEach((key, index) => column(`/transform/dedupeKey/${index}`, key));
    if (transform.partitionColumn !== undefined) {
        column("/transform/partitionColumn", transform.partitionColumn);
        typed("/transform/partitionColumn", transform.partitionColumn, "timestamp");
    }
    if (transform.cancellation) {
        column("/transform/cancellation/column", transform.cancellation.column);
    }
    if (transform.quantityColumn !== undefined) {
        column("/transform/quantityColumn", transform.quantityColumn);
        typed("/transform/quantityColumn", transform.quantityColumn, "integer");
    }
    Object.keys(s.quality?.maxNullRate ?? {}).forEach(key => column(`/quality/maxNullRate/${key}`, key));
    for (const [key, field] of Object.entries(s.schema.mapping)) {
        if (typeof field === "object" && field.formats && (field.type ?? "string") !== "timestamp") {
            problem(`/schema/mapping/${key}/formats`, "formats only on a timestamp column");
        }
    }
    if (s.type === "rest_api" && s.config.body !== undefined && s.config.method !== "POST") {
        problem("/config/body", "a body only with method POST");
    }
    if (problems.length > 0) {
        return problems;
    }
    return {
        name: s.name,
        ...(s.description ? { description: s.description } : {}),
        ...typedConfig(s),
        schema: { type: s.schema.type, mapping: Object.fromEntries(columns) },
        destination: {
            zone: s.destination.bucket.slice("${BUCKET:".length, -1) as SourceDefinition["destination"]["zone"],
            prefix: s.destination.prefix,
            partitionBy: s.destination.partitionBy ?? [...sourceDefaults.partitionBy],
        },
        redshift: { schema: s.redshift.schema, table: s.redshift.table, ...(distkey ? { distkey } : {}), sortkey },
        transform: lowerCased(transform),
        quality: {
            minRows: s.quality?.minRows ?? sourceDefaults.minRows,
            maxNullRate: Object.fromEntries(Object.entries(s.quality?.maxNullRate ?? {}).map(([key, rate]) => [key.toLowerCase(), rate])),
        },
        secrets,
        file,
    } as SourceDefinition;
}
