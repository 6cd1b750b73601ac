// Secure defaults for S3 buckets, as small pure functions the components, tests and policies share.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransportPolicy } from "../iam";

/** Every public-access switch on. */
export const blockAllPublicAccess = {
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
} as const;

/** ACLs off: the bucket owner owns every object. */
export const ownershipControls = { rule: { objectOwnership: "BucketOwnerEnforced" } } as const;

/** Default encryption with a customer-managed key; the bucket key cuts KMS calls (and cost) per object. */
export function kmsEncryptionRules(keyArn: pulumi.Input<string>): aws.types.input.s3.BucketServerSideEncryptionConfigurationRule[] {
    return [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true }];
}

/**
 * Bucket policy that refuses every request not made over TLS, on the bucket and its objects, plus
 * any statements a service writing into the bucket needs (each with its own narrowing condition).
 */
export function tlsOnlyBucketPolicy(bucketArn: pulumi.Input<string>, statements: Record<string, unknown>[] = []): aws.iam.PolicyDocument {
    const tlsOnly = denyInsecureTransportPolicy("s3:*", [bucketArn, pulumi.interpolate`${bucketArn}/*`]);
    return statements.length === 0
        ? tlsOnly
        : ({ ...tlsOnly, Statement: [...(tlsOnly.Statement as unknown[]), ...statements] } as unknown as aws.iam.PolicyDocument);
}

/** Lifecycle every versioned bucket gets: old versions and unfinished uploads do not pile up. */
export const baseLifecycleDefaults = {
    noncurrentVersionExpirationDays: 90,
    abortIncompleteMultipartUploadDays: 7,
} as const;

/** A rule that expires the objects under a prefix after some days. */
export function expirePrefixRule(id: string, prefix: string, days: number): aws.types.input.s3.BucketLifecycleConfigurationRule {
    return { id, status: "Enabled", filter: { prefix }, expiration: { days } };
}

/** The base rules: noncurrent versions expire, incomplete multipart uploads are aborted. */
export function baseLifecycleRules(): aws.types.input.s3.BucketLifecycleConfigurationRule[] {
    return [
        {
            id: "expire-noncurrent-versions",
            status: "Enabled",
            filter: {},
            noncurrentVersionExpiration: { noncurrentDays: baseLifecycleDefaults.noncurrentVersionExpirationDays },
        },
        {
            id: "abort-incomplete-uploads",
            status: "Enabled",
            filter: {},
            abortIncompleteMultipartUpload: { daysAfterInitiation: baseLifecycleDefaults.abortIncompleteMultipartUploadDays },
        },
    ];
}
