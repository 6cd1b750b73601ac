import { expect } from "chai";
import { s3BucketEncryptedWithKms, s3BucketPublicAccessBlocked, s3BucketTlsOnly, s3BucketVersioned } from "../../policy/rules/s3";
import { EvaluatedResource } from "../../scripts/plan/evaluate";
import { check, judge, resource, unknownAtPreview, verdicts } from "../support/policy";
import { s3BucketLifecycle, s3BucketNoPublicGrants, s3BucketOwnerEnforced } from "../../policy/rules/s3";
import { describeRule, Props } from "../support/rule-cases";

const kms = {
    rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: unknownAtPreview }, bucketKeyEnabled: true }],
};
const allBlocked = { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true };
const tlsOnly = {
    policy: {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Deny",
                Principal: "*",
                Action: "s3:*",
                Resource: [unknownAtPreview, unknownAtPreview],
                Condition: { Bool: { "aws:SecureTransport": "false" } },
            },
        ],
    },
};

/** A configuration resource linked to `bucket` through its `bucket` property. */
function linked(type: string, name: string, bucket: EvaluatedResource, props: Record<string, unknown>): EvaluatedResource {
    return resource(type, name, { bucket: unknownAtPreview, ...props }, { propertyDependencies: { bucket: [bucket] } });
}

const v7 = {
    encryption: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    encryptionV2: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    versioningV2: "aws:s3/bucketVersioningV2:BucketVersioningV2",
    publicAccess: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    policy: "aws:s3/bucketPolicy:BucketPolicy",
};

describe("policy: s3-bucket-encrypted-kms", () => {
    it("passes a bucket linked to an SSE-KMS configuration whose key is unknown at preview, on the v7 token and the V2 alias", async () => {
        const bucket = resource("aws:s3/bucket:Bucket", "b", {});
        const legacy = resource("aws:s3/bucketV2:BucketV2", "legacy", {});
        expect(
            await check(
                [s3BucketEncryptedWithKms],
                bucket,
                legacy,
                linked(v7.encryption, "b", bucket, kms),
                linked(v7.encryptionV2, "legacy", legacy, kms),
            ),
        ).to.deep.equal([]);
    });

    it("reports a bucket with no configuration, with SSE-S3, or with KMS but no key, as mandatory", async () => {
        const bare = resource("aws:s3/bucket:Bucket", "bare", {});
        const s3Managed = resource("aws:s3/bucket:Bucket", "aes", {});
        const awsKey = resource("aws:s3/bucket:Bucket", "aws-key", {});
        const unlinked = resource(v7.encryption, "unlinked", { bucket: "some-other-bucket", ...kms });
        const violations = await check(
            [s3BucketEncryptedWithKms],
            bare,
            s3Managed,
            awsKey,
            unlinked,
            linked(v7.encryption, "aes", s3Managed, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "AES256" } }] }),
            linked(v7.encryption, "aws-key", awsKey, { rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] }),
        );
        expect(violations.map(v => [v.urn, v.level, v.message])).to.deep.equal([
            [bare.urn, "mandatory", "bucket bare has no server-side encryption configuration (BucketServerSideEncryptionConfiguration)"],
            [s3Managed.urn, "mandatory", "bucket aes: encryption aes does not use SSE-KMS with a customer-managed key"],
            [awsKey.urn, "mandatory", "bucket aws-key: encryption aws-key does not use SSE-KMS with a customer-managed key"],
        ]);
    });
});

describe("policy: s3-bucket-public-access-blocked", () => {
    it("passes all four switches on", async () => {
        const bucket = resource("aws:s3/bucket:Bucket", "b", {});
        expect(await check([s3BucketPublicAccessBlocked], bucket, linked(v7.publicAccess, "b", bucket, allBlocked))).to.deep.equal([]);
    });

    it("reports a missing block and any switch left off", async () => {
        const none = resource("aws:s3/bucket:Bucket", "none", {});
        const partial = resource("aws:s3/bucket:Bucket", "partial", {});
        const violations = await check(
            [s3BucketPublicAccessBlocked],
            none,
            partial,
            linked(v7.publicAccess, "partial", partial, { ...allBlocked, restrictPublicBuckets: false, ignorePublicAcls: undefined }),
        );
        expect(violations.map(v => v.message)).to.deep.equal([
            "bucket none has no public access block (BucketPublicAccessBlock)",
            "bucket partial: public access block partial leaves ignorePublicAcls, restrictPublicBuckets off",
        ]);
        expect(violations.every(v => v.level === "mandatory")).to.equal(true);
    });
});

describe("policy: s3-bucket-tls-only", () => {
    it("passes a deny-without-TLS statement given as an object with unknown ARNs, or as a JSON string", async () => {
        const bucket = resource("aws:s3/bucket:Bucket", "b", {});
        const other = resource("aws:s3/bucket:Bucket", "json", {});
        const asJson = {
            policy: JSON.stringify({ ...tlsOnly.policy, Statement: [{ ...tlsOnly.policy.Statement[0], Principal: { AWS: "*" } }] }),
        };
        expect(
            await check(
                [s3BucketTlsOnly],
                bucket,
                other,
                linked(v7.policy, "b", bucket, tlsOnly),
                linked(v7.policy, "json", other, asJson),
            ),
        ).to.deep.equal([]);
    });

    it("reports no policy, and a policy that allows plain HTTP", async () => {
        const none = resource("aws:s3/bucket:Bucket", "none", {});
        const weak = resource("aws:s3/bucket:Bucket", "weak", {});
        const allowOnly = {
            policy: { Statement: [{ Effect: "Allow", Principal: { AWS: "arn:aws:iam::1:root" }, Action: "s3:GetObject" }] },
        };
        const violations = await check([s3BucketTlsOnly], none, weak, linked(v7.policy, "weak", weak, allowOnly));
        expect(violations.map(v => v.message)).to.deep.equal([
            "bucket none has no bucket policy denying requests without TLS (BucketPolicy)",
            "bucket weak: policy weak does not deny requests made without TLS",
        ]);
    });

    it("judges each bucket on its own: a policy string unknown at preview leaves only that bucket undecided", async () => {
        const pending = resource("aws:s3/bucket:Bucket", "pending", {});
        const open = resource("aws:s3/bucket:Bucket", "open", {});
        const good = resource("aws:s3/bucket:Bucket", "good", {});
        const violations = await judge(
            [s3BucketTlsOnly],
            pending,
            open,
            good,
            // pulumi.jsonStringify around a bucket ARN: the whole string is unknown at preview.
            linked(v7.policy, "pending", pending, { policy: unknownAtPreview }),
            linked(v7.policy, "open", open, { policy: JSON.stringify({ Statement: [] }) }),
            linked(v7.policy, "good", good, tlsOnly),
        );
        expect(verdicts(violations)).to.deep.equal(["s3-bucket-tls-only mandatory open", "preview-unverified advisory pending"]);
        expect(violations[1].message).to.match(
            /^aws:s3\/bucket:Bucket pending cannot be verified at preview by s3-bucket-tls-only: .*\.policy/,
        );
    });
});

describe("policy: s3-bucket-versioned", () => {
    it("is advisory: passes Enabled on either token, reports suspended or missing versioning", async () => {
        const on = resource("aws:s3/bucket:Bucket", "on", {});
        const onV2 = resource("aws:s3/bucket:Bucket", "on-v2", {});
        const suspended = resource("aws:s3/bucket:Bucket", "suspended", {});
        const none = resource("aws:s3/bucket:Bucket", "none", {});
        const violations = await check(
            [s3BucketVersioned],
            on,
            onV2,
            suspended,
            none,
            linked(v7.versioning, "on", on, { versioningConfiguration: { status: "Enabled" } }),
            linked(v7.versioningV2, "on-v2", onV2, { versioningConfiguration: { status: "Enabled" } }),
            linked(v7.versioning, "suspended", suspended, { versioningConfiguration: { status: "Suspended" } }),
        );
        expect(violations.map(v => [v.urn, v.level])).to.deep.equal([
            [suspended.urn, "advisory"],
            [none.urn, "advisory"],
        ]);
    });
});

const bucketType = "aws:s3/bucket:Bucket";
/** A bucket with one linked configuration resource of `type`. */
const withConfiguration = (type: string, props: (name: string) => Props) => (name: string, bucketProps: Props) => {
    const bucket = resource(bucketType, name, bucketProps);
    return [bucket, linked(type, name, bucket, props(name))];
};
const publicRead = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" };

describeRule({
    rule: s3BucketNoPublicGrants,
    type: bucketType,
    compliant: {},
    violating: { "a policy letting everyone read": {} },
    unknown: {},
    build: withConfiguration(v7.policy, name => ({
        policy: name === "pending" ? unknownAtPreview : name === "bad" ? { Statement: [publicRead] } : tlsOnly.policy,
    })),
});

describeRule({
    rule: s3BucketNoPublicGrants,
    type: bucketType,
    compliant: {},
    violating: { "a public-read ACL": {} },
    unknown: {},
    build: withConfiguration("aws:s3/bucketAcl:BucketAcl", name => ({
        acl: name === "pending" ? unknownAtPreview : name === "bad" ? "public-read" : "private",
    })),
});

describe("policy: s3-bucket-no-public-grants (grants, conditions, deprecated inline ACL)", () => {
    it("reports AllUsers grants and an inline public ACL, and passes Principal * narrowed by a condition", async () => {
        const grants = resource(bucketType, "grants", {});
        const inline = resource(bucketType, "inline", { acl: "public-read-write" });
        const narrowed = resource(bucketType, "narrowed", {});
        const allUsers = { grantee: { type: "Group", uri: "http://acs.amazonaws.com/groups/global/AllUsers" }, permission: "READ" };
        const violations = await judge(
            [s3BucketNoPublicGrants],
            grants,
            inline,
            narrowed,
            linked("aws:s3/bucketAcl:BucketAcl", "grants", grants, { accessControlPolicy: { grants: [allUsers], owner: { id: "o" } } }),
            linked(v7.policy, "narrowed", narrowed, {
                policy: { Statement: [{ ...publicRead, Condition: { StringEquals: { "aws:SourceVpce": "vpce-1" } } }] },
            }),
        );
        expect(verdicts(violations)).to.deep.equal([
            "s3-bucket-no-public-grants mandatory grants",
            "s3-bucket-no-public-grants mandatory inline",
        ]);
        expect(violations[0].message).to.contain("grant of READ to AllUsers");
    });
});

describeRule({
    rule: s3BucketOwnerEnforced,
    type: bucketType,
    compliant: {},
    violating: { "ACLs kept (ObjectWriter)": {} },
    unknown: {},
    build: withConfiguration("aws:s3/bucketOwnershipControls:BucketOwnershipControls", name => ({
        rule: { objectOwnership: name === "pending" ? unknownAtPreview : name === "bad" ? "ObjectWriter" : "BucketOwnerEnforced" },
    })),
});

describeRule({
    rule: s3BucketLifecycle,
    type: bucketType,
    compliant: {},
    violating: { "only disabled rules": {} },
    unknown: {},
    build: withConfiguration("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", name => ({
        rules: [{ id: "expire", status: name === "pending" ? unknownAtPreview : name === "bad" ? "Disabled" : "Enabled" }],
    })),
});
