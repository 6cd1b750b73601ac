// S3 buckets: encrypted with a KMS key, closed to the public, TLS only, versioned.
import { bucketConfigurationPolicy } from "../lib/buckets";
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

function deniesInsecureTransport(statement: Record<string, unknown>): boolean {
    const principal = statement.Principal;
    const everyone = principal === "*" || (isRecord(principal) && listOf(principal.AWS).includes("*"));
    const actions = listOf(statement.Action);
    const condition = isRecord(statement.Condition) && isRecord(statement.Condition.Bool) ? statement.Condition.Bool : {};
    return (
        statement.Effect === "Deny" &&
        everyone &&
        (actions.includes("s3:*") || actions.includes("*")) &&
        String(condition["aws:SecureTransport"]) === "false"
    );
}

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
        // A policy given as a JSON string of unknown ARNs is unknown as a whole: reading it throws,
        // and the engine reports this policy as not runnable during preview.
        const document = configuration.props.policy;
        const parsed = typeof document === "string" ? (JSON.parse(document) as unknown) : document;
        const statements = isRecord(parsed) ? listOf(parsed.Statement).filter(isRecord) : [];
        return statements.some(deniesInsecureTransport)
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
