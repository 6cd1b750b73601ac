// The receipt bucket of an e-mail source: encrypted with the stack key when the S3 action does not
// encrypt client-side, and writable only by SES acting for this account.
import { expect } from "chai";
import { sesReceivingRegions } from "../../policy/lib/ses-regions";
import { sesReceiptBucketPolicy, sesReceiptToStackBucket, sesReceivingRegion } from "../../policy/rules/ses";
import type { EvaluatedResource } from "../../scripts/plan/evaluate";
import { judge, resource, unknownAtPreview, verdicts } from "../support/policy";
import { describeRule, Props } from "../support/rule-cases";

const ruleType = "aws:ses/receiptRule:ReceiptRule";
const tlsOnly = {
    Sid: "DenyInsecureTransport",
    Effect: "Deny",
    Principal: "*",
    Action: "s3:*",
    Resource: "b",
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const sesPut = (condition?: unknown) => ({
    Sid: "SesStoresReceivedMail",
    Effect: "Allow",
    Principal: { Service: "ses.amazonaws.com" },
    Action: "s3:PutObject",
    Resource: "b/messages/*",
    ...(condition === undefined ? {} : { Condition: condition }),
});
const thisAccount = {
    StringEquals: { "AWS:SourceAccount": "123456789012" },
    ArnLike: { "AWS:SourceArn": "arn:aws:ses:us-east-1:123456789012:receipt-rule-set/s:receipt-rule/r" },
};

/** A receipt rule storing in a bucket of the stack, with that bucket's encryption and policy. */
function receiptStack(
    name: string,
    options: { sseAlgorithm?: unknown; stackKey?: boolean; policy?: unknown; rule?: Props },
): EvaluatedResource[] {
    const bucket = resource("aws:s3/bucket:Bucket", `${name}-mail`, {});
    const key = resource("aws:kms/key:Key", `${name}-key`, {});
    const encryption = resource(
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        `${name}-mail`,
        {
            bucket: unknownAtPreview,
            rules: [
                {
                    applyServerSideEncryptionByDefault: {
                        sseAlgorithm: options.sseAlgorithm ?? "aws:kms",
                        kmsMasterKeyId: unknownAtPreview,
                    },
                },
            ],
        },
        { propertyDependencies: { bucket: [bucket], rules: options.stackKey === false ? [] : [key] } },
    );
    const policy = resource(
        "aws:s3/bucketPolicy:BucketPolicy",
        `${name}-mail`,
        { bucket: unknownAtPreview, policy: options.policy ?? { Statement: [tlsOnly, sesPut(thisAccount)] } },
        { propertyDependencies: { bucket: [bucket] } },
    );
    const rule = resource(
        ruleType,
        name,
        {
            ruleSetName: "s",
            tlsPolicy: "Require",
            s3Actions: [{ bucketName: unknownAtPreview, objectKeyPrefix: "messages/", position: 1 }],
            ...options.rule,
        },
        { propertyDependencies: { s3Actions: [bucket] } },
    );
    return [rule, bucket, key, encryption, policy];
}

describe("policy: ses-receipt-bucket-secure (the receipt bucket's encryption)", () => {
    it("passes an S3 action without kmsKeyArn when its bucket is encrypted with the stack key", async () => {
        expect(await judge([sesReceiptToStackBucket], ...receiptStack("good", {}))).to.deep.equal([]);
    });

    it("reports the action when the bucket uses SSE-S3, or a key outside the stack", async () => {
        expect(verdicts(await judge([sesReceiptToStackBucket], ...receiptStack("bad", { sseAlgorithm: "AES256" })))).to.deep.equal([
            "ses-receipt-bucket-secure mandatory bad",
        ]);
        const outsideKey = await judge([sesReceiptToStackBucket], ...receiptStack("bad", { stackKey: false }));
        expect(outsideKey.map(v => v.message)).to.deep.equal([
            "SES receipt rule bad: s3Actions[0] stores mail unencrypted: encrypt its bucket with the stack key (SSE-KMS default encryption) or set kmsKeyArn",
        ]);
    });
});

describeRule({
    rule: sesReceiptBucketPolicy,
    type: ruleType,
    compliant: {},
    violating: {
        "a bucket policy without SES": { policy: { Statement: [tlsOnly] } },
        "SES of any account": { policy: { Statement: [tlsOnly, sesPut()] } },
        "SES conditioned on something else": { policy: { Statement: [tlsOnly, sesPut({ StringEquals: { "aws:SourceVpc": "vpc-1" } })] } },
        "another principal allowed to write": {
            policy: {
                Statement: [
                    tlsOnly,
                    sesPut(thisAccount),
                    { Effect: "Allow", Principal: { AWS: "arn:aws:iam::210987654321:root" }, Action: "s3:PutObject", Resource: "b/*" },
                ],
            },
        },
    },
    unknown: { policy: unknownAtPreview },
    build: (name, props) => receiptStack(name, { policy: props.policy }),
});

describe("policy: ses-receiving-region", () => {
    const provider = (region: string) => resource("pulumi:providers:aws", "aws", { region });
    const inRegion = (region: string) => [...receiptStack(`mail-${region}`, {}), provider(region)];

    it("says, advisory, when the stack's region has no SES inbound, naming the region and the recipients", async () => {
        const nowhere = "eu-south-2";
        expect(sesReceivingRegions).not.to.include(nowhere);
        const [violation, ...others] = await judge([sesReceivingRegion], ...inRegion(nowhere));
        expect(others).to.deep.equal([]);
        expect(violation).to.include({ policy: "ses-receiving-region", level: "advisory" });
        expect(violation.message).to.contain(nowhere).and.contain(`mail-${nowhere}`);
    });

    it("is silent in a receiving region, and reads a resource's own region before its provider's", async () => {
        const [receiving] = sesReceivingRegions;
        expect(await judge([sesReceivingRegion], ...inRegion(receiving))).to.deep.equal([]);
        const [rule, ...rest] = receiptStack("own", { rule: { region: "eu-south-2" } });
        expect(verdicts(await judge([sesReceivingRegion], rule, ...rest, provider(receiving)))).to.deep.equal([
            "ses-receiving-region advisory own",
        ]);
    });
});
