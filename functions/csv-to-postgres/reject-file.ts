// The reject file of one load: `line,reason,record`, one row per rejected row, streamed to S3 as
// it grows (multipart), so a file of bad rows never has to fit in memory. Nothing is written
// until the first rejection; nothing is kept when the load fails and will be retried.
import { PassThrough } from "stream";
import { S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { csvField, csvLine } from "./csv-text";

export const rejectFileHeader = "line,reason,record\r\n";

/** Where the rejects of `stem` go: `rejected/<stem>/<timestamp>.csv`. */
export function rejectKey(rejectedPrefix: string, stem: string, at: Date): string {
    return `${rejectedPrefix}${stem}/${at.toISOString().replace(/:/g, "-")}.csv`;
}

/** One reject row: the line the record starts on (empty for the whole file), why, and the record as CSV. */
export function rejectRow(line: number | undefined, reason: string, fields: string[] | undefined): string {
    const record = fields === undefined ? "" : csvLine(fields).slice(0, -2);
    return `${line ?? ""},${csvField(reason)},${csvField(record)}\r\n`;
}

export class RejectFile {
    public count = 0;
    private body?: PassThrough;
    private upload?: Promise<unknown>;
    private uploader?: Upload;

    constructor(
        private readonly s3: S3Client,
        private readonly bucket: string,
        public readonly key: string,
    ) {}

    /** Adds a row; returns false when the caller should wait for `drained()` before adding more. */
    add(line: number | undefined, reason: string, fields?: string[]): boolean {
        if (this.body === undefined) {
            this.start();
        }
        this.count++;
        return this.body!.write(rejectRow(line, reason, fields));
    }

    drained(): Promise<void> {
        return new Promise(resolve =>
            this.body === undefined || !this.body.writableNeedDrain ? resolve() : this.body.once("drain", resolve),
        );
    }

    /** Finishes the upload; a no-op when nothing was rejected. */
    async commit(): Promise<void> {
        if (this.body === undefined) {
            return;
        }
        this.body.end();
        await this.upload;
    }

    /** Drops whatever was written (the load failed and will be retried). */
    async discard(): Promise<void> {
        if (this.body === undefined) {
            return;
        }
        this.body.destroy();
        await this.uploader!.abort().catch(() => undefined);
        await this.upload!.catch(() => undefined);
    }

    private start(): void {
        this.body = new PassThrough();
        this.body.write(rejectFileHeader);
        this.uploader = new Upload({
            client: this.s3,
            params: { Bucket: this.bucket, Key: this.key, Body: this.body, ContentType: "text/csv; charset=utf-8" },
        });
        this.upload = this.uploader.done();
        this.upload.catch(() => undefined); // observed in commit/discard
    }
}
