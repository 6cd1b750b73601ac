// A warehouse source as one file under sources/ declares it (docs/sources.md is the reference).
// The loader (config/sources.ts) validates files against config/source-schema.ts and returns
// these types; the ingestion functions receive the parts they need as plain values.

export const sourceTypes = ["rest_api", "s3", "stream", "email"] as const;
export type SourceType = (typeof sourceTypes)[number];

export const fieldTypes = ["string", "integer", "decimal", "timestamp", "boolean"] as const;
export type FieldType = (typeof fieldTypes)[number];

export const fileFormats = ["json", "jsonl", "csv"] as const;
export type FileFormat = (typeof fileFormats)[number];

export const partitionParts = ["year", "month", "day", "hour"] as const;
export type PartitionPart = (typeof partitionParts)[number];

/** One mapped column: `column: field` in the file, or the object form with a type. */
export interface FieldMapping {
    /** The field in the source's records. */
    from: string;
    type: FieldType;
    required: boolean;
    /** string: maximum length in characters. */
    length?: number;
    /** decimal: precision and scale. */
    precision?: number;
    scale?: number;
    /** Other names the field goes by in older records, tried after `from`. */
    aliases?: string[];
    /** timestamp: accepted formats (Spark datetime patterns), tried in order. */
    formats?: string[];
}

export interface OffsetPagination {
    style: "offset";
    offsetParam: string;
    limitParam: string;
    pageSize: number;
    maxPages: number;
}

export interface PagePagination {
    style: "page";
    pageParam: string;
    sizeParam?: string;
    pageSize: number;
    firstPage: number;
    maxPages: number;
}

export interface TokenPagination {
    style: "token";
    /** Query parameter the next request carries the token in. */
    tokenParam: string;
    /** Dotted path of the next token in the response body. */
    tokenPath: string;
    maxPages: number;
}

export interface NoPagination {
    style: "none";
    maxPages: 1;
}

export type Pagination = OffsetPagination | PagePagination | TokenPagination | NoPagination;

export interface RetryPolicy {
    maxAttempts: number;
    baseDelayMs: number;
    maxDelayMs: number;
}

export interface RestApiConfig {
    endpoint: string;
    method: "GET" | "POST";
    /** Values may hold `${SECRET:name}` references, rendered at run time. */
    headers: Record<string, string>;
    query: Record<string, string>;
    body?: unknown;
    schedule: string;
    /** Dotted path of the records array in each response; "" means the body is the array. */
    recordsPath: string;
    pagination: Pagination;
    timeoutSeconds: number;
    retries: RetryPolicy;
}

export interface S3Config {
    /** Prefix of the landing area uploads go to, inside the warehouse bucket. */
    landingPrefix: string;
    maxSizeMb: number;
}

export interface StreamConfig {
    /** `stream-ingest` (StreamIngest's stream) or the ARN of an existing Kinesis stream. */
    stream: string;
    /**
     * `firehose`: the source's own Firehose archives the stream to its raw prefix. `existing`: the
     * stream's owner archives it already (StreamIngest's Firehose to raw/events/), so nothing is added.
     */
    archive: "firehose" | "existing";
    bufferSeconds: number;
    bufferMb: number;
}

export interface EmailConfig {
    /** Addresses SES accepts mail for, for this source. */
    recipients: string[];
    /** Sender addresses, or `@domain` for a whole domain. */
    allowedSenders: string[];
    maxAttachmentMb: number;
}

export interface SourceSchema {
    type: FileFormat;
    /** Warehouse column (the file's key, lower-cased) to its field mapping, in file order. */
    mapping: Record<string, FieldMapping>;
}

export interface SourceDestination {
    zone: "raw" | "processed" | "curated";
    prefix: string;
    partitionBy: PartitionPart[];
}

export interface RedshiftTarget {
    schema: string;
    table: string;
    distkey?: string;
    sortkey: string[];
}

/** How the warehouse's transform treats the source's rows (all optional in the file). */
export interface TransformSettings {
    /** Columns whose values identify a record (the record key); default: every mapped column. */
    dedupeKey?: string[];
    /** Timestamp column whose date partitions the processed files; default: the first timestamp column. */
    partitionColumn?: string;
    /** Rows whose column starts with the prefix are cancellations (kept, marked). */
    cancellation?: { column: string; prefix: string };
    /** Integer column whose negative values mark returns. */
    quantityColumn?: string;
}

/** Load checks: fewer rows, or more nulls in a column, fail the run (and alert). */
export interface QualitySettings {
    minRows: number;
    /** Column to the highest share of nulls (0..1) one load may have. */
    maxNullRate: Record<string, number>;
}

interface SourceBase {
    name: string;
    description?: string;
    schema: SourceSchema;
    destination: SourceDestination;
    redshift: RedshiftTarget;
    transform: TransformSettings;
    quality: QualitySettings;
    /** The secret names the source's strings refer to. */
    secrets: string[];
    /** The file the source came from, relative to the sources directory. */
    file: string;
}

export type SourceDefinition =
    | (SourceBase & { type: "rest_api"; config: RestApiConfig })
    | (SourceBase & { type: "s3"; config: S3Config })
    | (SourceBase & { type: "stream"; config: StreamConfig })
    | (SourceBase & { type: "email"; config: EmailConfig });
