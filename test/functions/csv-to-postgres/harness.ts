// Tier-3 harness for CsvToPostgres: real PostgreSQL (TLS) and moto S3, events shaped as S3 sends them.
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import { parse } from "csv-parse/sync";
import { Client } from "pg";
import { CsvToPostgresConfig, CsvToPostgresDeps, FileOutcome, handleS3Event, Log } from "../../../functions/csv-to-postgres/handler";
import { postgresConfig, s3ClientConfig } from "../../support/services";

export const bucket = "csv-drop";

export const testConfig: CsvToPostgresConfig = {
    prefix: "data/",
    rejectedPrefix: "rejected/",
    maxFileBytes: 50 * 1024 * 1024,
    load: { schema: "public", keyColumns: ["id", "email"], sampleRows: 1000, workMem: "64MB" },
};

/** The key as an S3 notification carries it: URL-encoded, spaces as '+'. */
export function encodeS3Key(key: string): string {
    return encodeURIComponent(key).replace(/%20/g, "+").replace(/%2F/g, "/");
}

export function s3Event(key: string, size: number, versionId?: string): S3Event {
    return {
        Records: [
            {
                eventVersion: "2.1",
                eventSource: "aws:s3",
                awsRegion: "us-east-1",
                eventTime: new Date().toISOString(),
                eventName: "ObjectCreated:Put",
                userIdentity: { principalId: "test" },
                requestParameters: { sourceIPAddress: "127.0.0.1" },
                responseElements: { "x-amz-request-id": "r", "x-amz-id-2": "i" },
                s3: {
                    s3SchemaVersion: "1.0",
                    configurationId: "csv",
                    bucket: { name: bucket, ownerIdentity: { principalId: "test" }, arn: `arn:aws:s3:::${bucket}` },
                    object: { key: encodeS3Key(key), size, eTag: "e", sequencer: "0", ...(versionId ? { versionId } : {}) },
                },
            },
        ],
    } as S3Event;
}

export interface LogLine {
    level: "info" | "warn";
    message: string;
    attributes: Record<string, unknown>;
}

export class Harness {
    readonly s3 = new S3Client(s3ClientConfig());
    readonly logs: LogLine[] = [];
    client!: Client;

    async start(): Promise<void> {
        await this.s3.send(new CreateBucketCommand({ Bucket: bucket }));
        this.client = new Client(postgresConfig());
        await this.client.connect();
    }

    async stop(): Promise<void> {
        await this.client?.end();
    }

    deps(connection: () => Promise<Client> = async () => this.client): CsvToPostgresDeps {
        const log: Log = {
            info: (message, attributes) => this.logs.push({ level: "info", message, attributes }),
            warn: (message, attributes) => this.logs.push({ level: "warn", message, attributes }),
        };
        return { s3: this.s3, connection, log };
    }

    /** Uploads `body` under `key` and runs the function on the event S3 would send. */
    async drop(key: string, body: string | Buffer, config: CsvToPostgresConfig = testConfig, deps = this.deps()): Promise<FileOutcome> {
        const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
        await this.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: bytes }));
        const [outcome] = await handleS3Event(s3Event(key, bytes.length), deps, config);
        return outcome;
    }

    async text(key: string): Promise<string> {
        const object = await this.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return object.Body!.transformToString("utf8");
    }

    async keys(prefix: string): Promise<string[]> {
        const listed = await this.s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
        return (listed.Contents ?? []).map(object => object.Key!);
    }

    async rows<T = Record<string, unknown>>(sql: string): Promise<T[]> {
        return (await this.client.query(sql)).rows as T[];
    }

    async dropTables(...tables: string[]): Promise<void> {
        for (const table of tables) {
            await this.client.query(`DROP TABLE IF EXISTS "${table}"`);
        }
    }
}

/** Parses a reject file (`line,reason,record`) into rows. */
export function parseRejects(text: string): { line: string; reason: string; record: string }[] {
    const [header, ...rows] = parse(text) as string[][];
    if (header.join(",") !== "line,reason,record") {
        throw new Error(`unexpected reject header ${header.join(",")}`);
    }
    return rows.map(([line, reason, record]) => ({ line, reason, record }));
}
