// S3 event notifications carry object keys URL-encoded with spaces as '+'.
import type { S3Event } from "aws-lambda";

export interface ObjectRef {
    bucket: string;
    key: string;
    size: number;
    /** The version the notification is about, in a versioned bucket. */
    versionId?: string;
}

/** The decoded key of an S3 notification record: `my+file%21.csv` is `my file!.csv`. */
export function decodeS3Key(encoded: string): string {
    return decodeURIComponent(encoded.replace(/\+/g, " "));
}

/** The objects an S3 event notification names, with keys decoded. */
export function objectsOf(event: S3Event): ObjectRef[] {
    return (event.Records ?? []).map(record => ({
        bucket: record.s3.bucket.name,
        key: decodeS3Key(record.s3.object.key),
        size: record.s3.object.size,
        ...(record.s3.object.versionId ? { versionId: record.s3.object.versionId } : {}),
    }));
}
