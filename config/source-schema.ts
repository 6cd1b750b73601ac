// The JSON Schema (draft 2020-12) of a source file under sources/. docs/sources.md describes every
// key; defaults are applied by config/sources.ts after validation, so this schema only says what
// is allowed. References (`${SECRET:...}`, `${BUCKET:...}`) are checked there too.
import { fieldTypes, fileFormats, partitionParts, sourceTypes } from "../functions/sources/source-definition";

const identifier = { type: "string", pattern: "^[a-z_][a-z0-9_]{0,62}$" };
const fieldName = { type: "string", minLength: 1, maxLength: 256 };
const columnName = { type: "string", pattern: "^[A-Za-z_][A-Za-z0-9_]{0,62}$" };
const schedule = { type: "string", pattern: "^(rate\\(\\d+ (minute|minutes|hour|hours|day|days)\\)|cron\\([^()]+\\))$" };
const email = { type: "string", pattern: "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$" };
const positive = (maximum: number) => ({ type: "integer", minimum: 1, maximum });

const fieldMapping = {
    description: "a field name, or an object { from, type, required, length, precision, scale, aliases, formats }",
    oneOf: [
        fieldName,
        {
            type: "object",
            additionalProperties: false,
            required: ["from"],
            properties: {
                from: fieldName,
                type: { enum: [...fieldTypes] },
                required: { type: "boolean" },
                length: positive(65535),
                precision: positive(38),
                scale: { type: "integer", minimum: 0, maximum: 37 },
                aliases: { type: "array", uniqueItems: true, items: fieldName },
                formats: { type: "array", minItems: 1, items: { type: "string", minLength: 1, maxLength: 64 } },
            },
        },
    ],
};

const maxPages = positive(10_000);
const pagination = {
    type: "object",
    required: ["style"],
    properties: { style: { enum: ["none", "offset", "page", "token"] } },
    allOf: [
        {
            if: { properties: { style: { const: "none" } } },
            then: { additionalProperties: false, properties: { style: {} } },
        },
        {
            if: { properties: { style: { const: "offset" } } },
            then: {
                additionalProperties: false,
                properties: { style: {}, offsetParam: fieldName, limitParam: fieldName, pageSize: positive(10_000), maxPages },
            },
        },
        {
            if: { properties: { style: { const: "page" } } },
            then: {
                additionalProperties: false,
                properties: {
                    style: {},
                    pageParam: fieldName,
                    sizeParam: fieldName,
                    pageSize: positive(10_000),
                    firstPage: { type: "integer", minimum: 0, maximum: 1 },
                    maxPages,
                },
            },
        },
        {
            if: { properties: { style: { const: "token" } } },
            then: {
                additionalProperties: false,
                required: ["tokenPath"],
                properties: { style: {}, tokenParam: fieldName, tokenPath: fieldName, maxPages },
            },
        },
    ],
};

const restApiConfig = {
    type: "object",
    additionalProperties: false,
    required: ["endpoint", "schedule"],
    properties: {
        endpoint: { type: "string", pattern: "^https://[^\\s/]+(/\\S*)?$" },
        method: { enum: ["GET", "POST"] },
        headers: { type: "object", propertyNames: { pattern: "^[A-Za-z0-9!#$%&'*+.^_`|~-]+$" }, additionalProperties: { type: "string" } },
        query: { type: "object", additionalProperties: { type: ["string", "number", "boolean"] } },
        body: { type: ["object", "array"] },
        schedule,
        recordsPath: { type: "string", pattern: "^([A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*)?$" },
        pagination,
        timeoutSeconds: positive(120),
        retries: {
            type: "object",
            additionalProperties: false,
            properties: { maxAttempts: positive(10), baseDelayMs: positive(60_000), maxDelayMs: positive(300_000) },
        },
    },
};

const s3Config = {
    type: "object",
    additionalProperties: false,
    properties: {
        landingPrefix: { type: "string", pattern: "^([a-z0-9][a-z0-9_-]*/)+$" },
        maxSizeMb: positive(5_000),
    },
};

const streamConfig = {
    type: "object",
    additionalProperties: false,
    required: ["stream"],
    properties: {
        stream: {
            description: "stream-ingest or a Kinesis stream ARN",
            anyOf: [
                { const: "stream-ingest" },
                { type: "string", pattern: "^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/[A-Za-z0-9_.-]{1,128}$" },
            ],
        },
        archive: { enum: ["firehose", "existing"] },
        bufferSeconds: { type: "integer", minimum: 0, maximum: 900 },
        bufferMb: positive(128),
    },
};

const emailConfig = {
    type: "object",
    additionalProperties: false,
    required: ["recipients", "allowedSenders"],
    properties: {
        recipients: { type: "array", minItems: 1, uniqueItems: true, items: email },
        allowedSenders: {
            type: "array",
            minItems: 1,
            uniqueItems: true,
            items: { description: "an e-mail address or @domain", anyOf: [email, { type: "string", pattern: "^@[^@\\s]+\\.[^@\\s]+$" }] },
        },
        maxAttachmentMb: positive(30),
    },
};

const columnList = { type: "array", minItems: 1, uniqueItems: true, items: columnName };

const transform = {
    type: "object",
    additionalProperties: false,
    properties: {
        dedupeKey: columnList,
        partitionColumn: columnName,
        cancellation: {
            type: "object",
            additionalProperties: false,
            required: ["column", "prefix"],
            properties: { column: columnName, prefix: { type: "string", minLength: 1, maxLength: 16 } },
        },
        quantityColumn: columnName,
    },
};

const quality = {
    type: "object",
    additionalProperties: false,
    properties: {
        minRows: { type: "integer", minimum: 0 },
        maxNullRate: {
            type: "object",
            propertyNames: columnName,
            additionalProperties: { type: "number", minimum: 0, maximum: 1 },
        },
    },
};

const configByType: Record<string, object> = { rest_api: restApiConfig, s3: s3Config, stream: streamConfig, email: emailConfig };

export const sourceFileSchema = {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    type: "object",
    additionalProperties: false,
    required: ["source"],
    properties: {
        source: {
            type: "object",
            additionalProperties: false,
            required: ["name", "type", "config", "schema", "destination", "redshift"],
            properties: {
                name: identifier,
                description: { type: "string", maxLength: 1024 },
                type: { enum: [...sourceTypes] },
                config: { type: "object" },
                schema: {
                    type: "object",
                    additionalProperties: false,
                    required: ["type", "mapping"],
                    properties: {
                        type: { enum: [...fileFormats] },
                        mapping: {
                            type: "object",
                            minProperties: 1,
                            propertyNames: columnName,
                            additionalProperties: fieldMapping,
                        },
                    },
                },
                destination: {
                    type: "object",
                    additionalProperties: false,
                    required: ["bucket", "prefix"],
                    properties: {
                        bucket: { type: "string", pattern: "^\\$\\{BUCKET:[a-z]+\\}$" },
                        prefix: { type: "string", pattern: "^([a-z0-9][a-z0-9_-]*/)+$" },
                        partitionBy: { type: "array", uniqueItems: true, items: { enum: [...partitionParts] } },
                    },
                },
                transform,
                quality,
                redshift: {
                    type: "object",
                    additionalProperties: false,
                    required: ["schema", "table"],
                    properties: {
                        schema: identifier,
                        table: { type: "string", pattern: "^[a-z_][a-z0-9_]{0,110}$" },
                        distkey: columnName,
                        sortkey: {
                            description: "a mapped column or a list of them",
                            anyOf: [columnName, { type: "array", minItems: 1, uniqueItems: true, items: columnName }],
                        },
                    },
                },
            },
            allOf: Object.entries(configByType).map(([type, config]) => ({
                if: { required: ["type"], properties: { type: { const: type } } },
                then: { properties: { config } },
            })),
        },
    },
} as const;
