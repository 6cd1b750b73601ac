// The s3 source's landing checker: an upload under the source's landing prefix is checked (size,
// format, schema) and moved: good files to the raw zone under the source's prefix, bad ones to
// rejected/<source>/ with a `.reason.json` next to them. Moving is copy then delete, so a retry
// after a failure in between finds the file still landed and repeats the same copy.
import { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

import type { ObjectRef } from "../runtime/s3-event";
import { checkFile } from "./file-check";
import type { FieldMapping, FileFormat } from "./source-definition";

export interface LandingConfig {
    source: string;
    landingPrefix: string;
    /** Raw-zone prefix of the source, e.g. raw/stores/ */
    rawPrefix: string;
    /** e.g. rejected/stores/ */
    rejectedPrefix: string;
    maxSizeBytes: number;
    format: FileFormat;
    mapping: Record<string, FieldMapping>;
}

export interface LandingOutcome {
    key: string;
    accepted: boolean;
    destination: string;
    records?: number;
    reason?: string;
}

async function move(s3: S3Client, bucket: string, from: string, to: string): Promise<void> {
    const source = `${bucket}/${from.split("/").map(encodeURIComponent).join("/")}`;
    await s3.send(new CopyObjectCommand({ Bucket: bucket, Key: to, CopySource: source }));
    await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: from }));
}

export async function checkLanding(s3: S3Client, config: LandingConfig, object: ObjectRef): Promise<LandingOutcome | undefined> {
    if (!object.key.startsWith(config.landingPrefix) || object.key.endsWith("/")) {
        return undefined;
    }
    const relative = object.key.slice(config.landingPrefix.length);
    let reason: string | undefined;
    let records: number | undefined;
    if (object.size > config.maxSizeBytes) {
        reason = `${object.size} bytes is over the source's limit of ${config.maxSizeBytes}`;
    } else {
        const body = await s3.send(new GetObjectCommand({ Bucket: object.bucket, Key: object.key }));
        const verdict = checkFile(await body.Body!.transformToString("utf8"), config.format, config.mapping);
        reason = verdict.ok ? undefined : verdict.reason;
        records = verdict.ok ? verdict.records : undefined;
    }
    if (reason === undefined) {
        const destination = `${config.rawPrefix}${relative}`;
        await move(s3, object.bucket, object.key, destination);
        return { key: object.key, accepted: true, destination, records };
    }
    const destination = `${config.rejectedPrefix}${relative}`;
    const note = { source: config.source, key: object.key, reason, rejectedAt: new Date().toISOString() };
    await s3.send(
        new PutObjectCommand({
            Bucket: object.bucket,
            Key: `${destination}.reason.json`,
            Body: JSON.stringify(note),
            ContentType: "application/json",
        }),
    );
    await move(s3, object.bucket, object.key, destination);
    return { key: object.key, accepted: false, destination, reason };
}
