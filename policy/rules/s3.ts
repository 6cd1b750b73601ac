// S3 buckets: encrypted with a KMS key, closed to the public (no public ACLs or policies), TLS only,
// ACLs disabled, versioned, with a lifecycle.
import { bucketConfigurationPolicy, configurationsOf } from "../lib/buckets";
import { deniesInsecureTransport, openAllowStatements, statementsOf } from "../lib/policy-documents";
import { stackRule } from "../lib/rule";
import { isRecord, knownOrUnknown, listOf } from "../lib/values";

const kmsAlgorithms = ["aws:kms", "aws:kms:dsse"];

export const s3BucketEncryptedWithKms = bucketConfigurationPolicy({
    name: "s3-bucket-encrypted-kms",
    description: "Every bucket's default encryption is SSE-KMS with a named key (cdk-nag S3DefaultEncryptionKMS, Security Hub S3.17).",
    enforcementLevel: "mandatory",
    anchors: ["S3.17"],
    kind: "bucketEncryption",
    missing: "server-side encryption configuration (BucketServerSideEncryptionConfiguration)",
    problem: configuration => {
        const defaults = listOf(configuration.props.rules)
            .filter(isRecord)
            .map(rule => rule.applyServerSideEncryptionByDefault)
            .filter(isRecord);
        // The key ARN is unknown until the key exists: present is enough.
        const withKey = defaults.filter(
            d => kmsAlgorithms.includes(String(d.sseAlgorithm)) && knownOrUnknown(() => d.kmsMasterKeyId) !== undefined,
        );
        return withKey.length > 0 ? undefined : `encryption ${configuration.name} does not use SSE-KMS with a customer-managed key`;
    },
});

export const s3BucketPublicAccessBlocked = bucketConfigurationPolicy({
    name: "s3-bucket-public-access-blocked",
    description: "Every bucket blocks public ACLs and policies with all four switches (cdk-nag AwsSolutions-S2, Security Hub S3.8).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-S2", "S3.8"],
    kind: "bucketPublicAccessBlock",
    missing: "public access block (BucketPublicAccessBlock)",
    problem: configuration => {
        const switches = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];
        const off = switches.filter(property => configuration.props[property] !== true);
        return off.length === 0 ? undefined : `public access block ${configuration.name} leaves ${off.join(", ")} off`;
    },
});

export const s3BucketTlsOnly = bucketConfigurationPolicy({
    name: "s3-bucket-tls-only",
    description:
        'Every bucket policy denies s3:* to everyone when aws:SecureTransport is "false" (cdk-nag AwsSolutions-S10, Security Hub S3.5).',
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-S10", "S3.5"],
    unknownAtPreview: "a bucket policy given as a JSON string built from ARNs of this stack",
    kind: "bucketPolicy",
    missing: "bucket policy denying requests without TLS (BucketPolicy)",
    problem: configuration => {
        return statementsOf(configuration.props.policy).some(statement => deniesInsecureTransport(statement, ["s3:*"]))
            ? undefined
            : `policy ${configuration.name} does not deny requests made without TLS`;
    },
});

export const s3BucketVersioned = bucketConfigurationPolicy({
    name: "s3-bucket-versioned",
    description:
        "Every bucket keeps versions, so an overwrite or delete can be undone (Security Hub S3.14, cdk-nag S3BucketVersioningEnabled).",
    enforcementLevel: "advisory",
    anchors: ["S3.14"],
    kind: "bucketVersioning",
    missing: "versioning (BucketVersioning)",
    problem: configuration => {
        const settings = configuration.props.versioningConfiguration;
        return isRecord(settings) && settings.status === "Enabled" ? undefined : `versioning ${configuration.name} is not Enabled`;
    },
});

const publicCannedAcls = ["public-read", "public-read-write", "authenticated-read"];
const publicGroups = ["http://acs.amazonaws.com/groups/global/AllUsers", "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"];

/** Public grants of a bucket ACL: a canned ACL or grants to the AllUsers / AuthenticatedUsers groups. */
function publicAclGrants(props: Record<string, unknown>): string[] {
    const canned = typeof props.acl === "string" && publicCannedAcls.includes(props.acl) ? [`acl ${props.acl}`] : [];
    const policy = isRecord(props.accessControlPolicy) ? props.accessControlPolicy : {};
    const grants = listOf(policy.grants)
        .filter(isRecord)
        .filter(grant => isRecord(grant.grantee) && publicGroups.includes(String(grant.grantee.uri)))
        .map(
            grant =>
                `grant of ${String(grant.permission)} to ${String((grant.grantee as Record<string, unknown>).uri)
                    .split("/")
                    .pop()}`,
        );
    return [...canned, ...grants];
}

export const s3BucketNoPublicGrants = stackRule({
    name: "s3-bucket-no-public-grants",
    description:
        'No bucket grants public read or write: no public canned ACL or AllUsers/AuthenticatedUsers grant, no bucket policy Allow to Principal "*" without a condition (Security Hub S3.2/S3.3).',
    enforcementLevel: "mandatory",
    anchors: ["S3.2"],
    unknownAtPreview: "a bucket policy given as a JSON string built from ARNs of this stack",
    kinds: ["bucket"],
    check: (bucket, resources, report) => {
        const acls = [bucket, ...configurationsOf(bucket, resources, "bucketAcl")];
        for (const grant of acls.flatMap(acl => publicAclGrants(acl.props))) {
            report(
                `bucket ${bucket.name} is public through its ${grant}: remove it (BucketOwnershipControls BucketOwnerEnforced disables ACLs)`,
            );
        }
        for (const policy of configurationsOf(bucket, resources, "bucketPolicy")) {
            for (const statement of openAllowStatements(policy.props.policy)) {
                report(
                    `bucket ${bucket.name}: policy ${policy.name} allows ${JSON.stringify(statement.Action)} to everyone without a condition: name the principals or add a narrowing condition`,
                );
            }
        }
    },
});

export const s3BucketOwnerEnforced = bucketConfigurationPolicy({
    name: "s3-bucket-owner-enforced",
    description: "Every bucket disables ACLs: BucketOwnershipControls with objectOwnership BucketOwnerEnforced (Security Hub S3.12).",
    enforcementLevel: "mandatory",
    anchors: ["S3.12"],
    kind: "bucketOwnershipControls",
    missing: "ownership controls (BucketOwnershipControls with objectOwnership BucketOwnerEnforced)",
    problem: configuration => {
        const rule = configuration.props.rule;
        return isRecord(rule) && rule.objectOwnership === "BucketOwnerEnforced"
            ? undefined
            : `ownership controls ${configuration.name} keep ACLs: set rule.objectOwnership to BucketOwnerEnforced`;
    },
});

export const s3BucketLifecycle = bucketConfigurationPolicy({
    name: "s3-bucket-lifecycle",
    description: "Every bucket expires what it no longer needs with an enabled lifecycle rule (Security Hub S3.10/S3.13).",
    enforcementLevel: "advisory",
    anchors: ["S3.10"],
    kind: "bucketLifecycle",
    missing: "lifecycle configuration (BucketLifecycleConfiguration)",
    problem: configuration =>
        listOf(configuration.props.rules)
            .filter(isRecord)
            .some(rule => rule.status === "Enabled")
            ? undefined
            : `lifecycle ${configuration.name} has no enabled rule`,
});
