// Whether a load has anything to COPY: the Glue job writes Parquet under the load's prefix, and a
// run with no new raw files writes none (at most Spark's _SUCCESS marker). COPY from a prefix with
// no Parquet fails in Redshift, so the runner looks first and answers "no new data" instead.
import { ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";

/** s3://bucket/key/prefix/ split into the bucket and the key prefix. */
export function splitS3Uri(uri: string): { bucket: string; prefix: string } {
    const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(uri);
    if (!match) {
        throw new Error(`${JSON.stringify(uri)} is not an s3:// URI`);
    }
    return { bucket: match[1], prefix: match[2] };
}

/** True when at least one Parquet file lies under the prefix (pages until one is found). */
export async function prefixHasParquet(s3: S3Client, prefixUri: string): Promise<boolean> {
    const { bucket, prefix } = splitS3Uri(prefixUri);
    let token: string | undefined;
    do {
        const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }));
        if ((page.Contents ?? []).some(object => object.Key?.endsWith(".parquet"))) {
            return true;
        }
        token = page.NextContinuationToken;
    } while (token);
    return false;
}
