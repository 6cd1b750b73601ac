// SecureBucket: an S3 bucket with the platform's defaults as separate v7 resources: SSE-KMS with
// the platform key, versioning, every public-access block, ACLs disabled, a TLS-only policy and a
// lifecycle that keeps old versions and unfinished uploads from piling up.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import {
    baseLifecycleRules,
    blockAllPublicAccess,
    expirePrefixRule,
    kmsEncryptionRules,
    ownershipControls,
    tlsOnlyBucketPolicy,
} from "./defaults/s3-defaults";

export interface SecureBucketArgs {
    /** Key for default encryption. */
    encryptionKey: aws.kms.Key;
    /** Prefixes whose objects expire, with their age in days. Default none. */
    expiringPrefixes?: { prefix: string; days: number }[];
    /** Statements added to the TLS-only bucket policy, given the bucket's ARN (a service that writes into it). Default none. */
    policyStatements?: (bucketArn: pulumi.Output<string>) => Record<string, unknown>[];
    /** Let `pulumi destroy` delete a bucket that still holds objects. Default false. */
    forceDestroy?: boolean;
    tags?: Record<string, string>;
}

export class SecureBucket extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    /** The last configuration resource: depend on it to use the bucket fully configured. */
    public readonly ready: pulumi.Resource[];

    constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:storage:SecureBucket", name, {}, opts);
        const child = { parent: this };
        this.bucket = new aws.s3.Bucket(name, { forceDestroy: args.forceDestroy ?? false, tags: args.tags }, child);
        const bucket = this.bucket.id;

        const ownership = new aws.s3.BucketOwnershipControls(name, { bucket, ...ownershipControls }, child);
        const publicAccess = new aws.s3.BucketPublicAccessBlock(name, { bucket, ...blockAllPublicAccess }, child);
        const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
            name,
            { bucket, rules: kmsEncryptionRules(args.encryptionKey.arn) },
            child,
        );
        const versioning = new aws.s3.BucketVersioning(name, { bucket, versioningConfiguration: { status: "Enabled" } }, child);
        const policy = new aws.s3.BucketPolicy(
            name,
            { bucket, policy: tlsOnlyBucketPolicy(this.bucket.arn, args.policyStatements?.(this.bucket.arn)) },
            { parent: this, dependsOn: [publicAccess] },
        );
        const lifecycle = new aws.s3.BucketLifecycleConfiguration(
            name,
            {
                bucket,
                rules: [
                    ...(args.expiringPrefixes ?? []).map(({ prefix, days }) =>
                        expirePrefixRule(`expire-${prefix.replace(/[^A-Za-z0-9]+/g, "-").replace(/-$/, "")}`, prefix, days),
                    ),
                    ...baseLifecycleRules(),
                ],
            },
            { parent: this, dependsOn: [versioning] }, // lifecycle rules on versions need versioning first
        );
        this.ready = [ownership, publicAccess, encryption, versioning, policy, lifecycle];

        this.registerOutputs({ bucketName: this.bucket.bucket, bucketArn: this.bucket.arn });
    }
}
