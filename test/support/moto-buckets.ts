// Tier-3 suites on moto S3: one client for the suite, and a reset moto with empty buckets before
// each test.
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { requireService, resetMoto, s3ClientConfig } from "./services";

export interface BucketsPerTest {
    /** The suite's client, from its `before` hook on. */
    readonly s3: S3Client;
    /** An object's body as UTF-8 text. */
    text(bucket: string, key: string): Promise<string>;
    /** Every key in a bucket, sorted. */
    keys(bucket: string): Promise<string[]>;
}

/** Registers the suite's hooks; call it first in a `describe` so its `beforeEach` runs before the suite's own. */
export function motoBucketsPerTest(...buckets: string[]): BucketsPerTest {
    let client: S3Client | undefined;
    const s3 = (): S3Client => {
        if (client === undefined) {
            throw new Error("the S3 client is open only inside the suite's tests and hooks");
        }
        return client;
    };
    before(async () => {
        await requireService("moto");
        client = new S3Client(s3ClientConfig());
    });
    beforeEach(async () => {
        await resetMoto();
        for (const bucket of buckets) {
            await s3().send(new CreateBucketCommand({ Bucket: bucket }));
        }
    });
    return {
        get s3() {
            return s3();
        },
        text: async (bucket, key) => (await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString(),
        keys: async bucket => ((await s3().send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map(o => o.Key!).sort(),
    };
}
