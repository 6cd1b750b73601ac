// The CsvToPostgres function: for each CSV an S3 notification names, load it into the table named
// after the file, write rejected rows (or the reason the whole file was rejected) next to it under
// `rejected/`, and log a summary. Deterministic problems with a file never throw; infrastructure
// failures do, so that Lambda retries them and finally keeps the event in the failure queue.
import { Readable } from "stream";
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { S3Event } from "aws-lambda";
import type { ClientBase } from "pg";
import { ObjectRef, objectsOf } from "../runtime/s3-event";
import { csvBatches } from "./csv-records";
import { FileRejection } from "./errors";
import { loadCsv, LoadSettings, LoadSummary } from "./load";
import { RejectFile, rejectFileHeader, rejectKey, rejectRow } from "./reject-file";
import { tableNameOf } from "./table-name";

export interface CsvToPostgresConfig {
    /** Prefix of the objects to load (the notification filters on it too). */
    prefix: string;
    /** Prefix of reject files. */
    rejectedPrefix: string;
    /** Larger files are rejected unread. */
    maxFileBytes: number;
    load: LoadSettings;
}

/** The log lines the function writes (Powertools Logger fits). */
export interface Log {
    info(message: string, attributes: Record<string, unknown>): void;
    warn(message: string, attributes: Record<string, unknown>): void;
}

export interface CsvToPostgresDeps {
    s3: S3Client;
    /** A connected client, reused across invocations. */
    connection: () => Promise<ClientBase>;
    log: Log;
    now?: () => Date;
}

export type FileOutcome =
    | { key: string; status: "loaded"; summary: LoadSummary; rejectFile?: string }
    | { key: string; status: "rejected"; reason: string; rejectFile: string }
    | { key: string; status: "ignored"; reason: string };

async function rejectWholeFile(deps: CsvToPostgresDeps, object: ObjectRef, rejectFile: string, reason: string): Promise<FileOutcome> {
    await deps.s3.send(
        new PutObjectCommand({
            Bucket: object.bucket,
            Key: rejectFile,
            Body: rejectFileHeader + rejectRow(undefined, `${reason} (source: ${object.key})`, undefined),
            ContentType: "text/csv; charset=utf-8",
        }),
    );
    deps.log.warn("file rejected", { bucket: object.bucket, key: object.key, reason, rejectFile });
    return { key: object.key, status: "rejected", reason, rejectFile };
}

async function openObject(s3: S3Client, object: ObjectRef): Promise<{ body: Readable; length: number } | undefined> {
    try {
        const response = await s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key, VersionId: object.versionId }));
        return { body: response.Body as Readable, length: response.ContentLength ?? 0 };
    } catch (error) {
        if (error instanceof NoSuchKey) {
            return undefined;
        }
        throw error;
    }
}

async function processObject(object: ObjectRef, deps: CsvToPostgresDeps, config: CsvToPostgresConfig): Promise<FileOutcome> {
    if (!object.key.startsWith(config.prefix) || !object.key.toLowerCase().endsWith(".csv")) {
        deps.log.info("object ignored", { bucket: object.bucket, key: object.key });
        return { key: object.key, status: "ignored", reason: `not a .csv under ${config.prefix}` };
    }
    const name = tableNameOf(object.key);
    const rejectFile = rejectKey(config.rejectedPrefix, name.stem, (deps.now ?? (() => new Date()))());
    if (!name.ok) {
        return rejectWholeFile(deps, object, rejectFile, name.reason);
    }
    const tooLarge = (size: number) => `the file has ${size} bytes, over the limit of ${config.maxFileBytes}`;
    if (object.size > config.maxFileBytes) {
        return rejectWholeFile(deps, object, rejectFile, tooLarge(object.size));
    }
    const opened = await openObject(deps.s3, object);
    if (opened === undefined) {
        deps.log.warn("object deleted before it was loaded", { bucket: object.bucket, key: object.key });
        return { key: object.key, status: "ignored", reason: "the object no longer exists" };
    }
    const rejects = new RejectFile(deps.s3, object.bucket, rejectFile);
    try {
        if (opened.length > config.maxFileBytes) {
            throw new FileRejection(tooLarge(opened.length));
        }
        const summary = await loadCsv(deps.connection, name.table, csvBatches(opened.body), rejects, config.load);
        await rejects.commit();
        deps.log.info("file loaded", { bucket: object.bucket, key: object.key, ...summary, ...(rejects.count > 0 ? { rejectFile } : {}) });
        return { key: object.key, status: "loaded", summary, ...(rejects.count > 0 ? { rejectFile } : {}) };
    } catch (error) {
        await rejects.discard();
        if (error instanceof FileRejection) {
            return rejectWholeFile(deps, object, rejectFile, error.message);
        }
        throw error;
    } finally {
        opened.body.destroy();
    }
}

/** Loads every object of an S3 notification, one after the other. */
export async function handleS3Event(event: S3Event, deps: CsvToPostgresDeps, config: CsvToPostgresConfig): Promise<FileOutcome[]> {
    const outcomes: FileOutcome[] = [];
    for (const object of objectsOf(event)) {
        outcomes.push(await processObject(object, deps, config));
    }
    return outcomes;
}
