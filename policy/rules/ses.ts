// SES receipt rules: mail is received over TLS and stored, encrypted, in a bucket of this stack
// (which the bucket rules then hold to encryption, TLS-only and no public access), and only SES,
// acting for this account, may write into that bucket.
import { PolicyResource } from "@pulumi/policy";
import { configurationsOf } from "../lib/buckets";
import { statementsOf } from "../lib/policy-documents";
import { isKind } from "../lib/resource-types";
import { stackRule } from "../lib/rule";
import { sesReceivesMailIn, sesReceivingRegions } from "../lib/ses-regions";
import { isRecord, listOf } from "../lib/values";

/** The buckets of this stack a receipt rule's S3 actions name. */
function receiptBuckets(rule: PolicyResource): PolicyResource[] {
    return (rule.propertyDependencies.s3Actions ?? []).filter(d => isKind(d.type, "bucket"));
}

/** The bucket's default encryption is SSE-KMS with a key of this stack. */
function encryptedWithStackKey(bucket: PolicyResource, resources: PolicyResource[]): boolean {
    return configurationsOf(bucket, resources, "bucketEncryption").some(
        configuration =>
            listOf(configuration.props.rules)
                .filter(isRecord)
                .some(
                    rule =>
                        isRecord(rule.applyServerSideEncryptionByDefault) &&
                        rule.applyServerSideEncryptionByDefault.sseAlgorithm === "aws:kms",
                ) && (configuration.propertyDependencies.rules ?? []).some(d => isKind(d.type, "kmsKey")),
    );
}

export const sesReceiptToStackBucket = stackRule({
    name: "ses-receipt-bucket-secure",
    description:
        "SES receipt rules require TLS, and each S3 action writes to a bucket of this stack and stores the mail encrypted: the bucket's default encryption uses a KMS key of this stack, or the action sets kmsKeyArn (client-side encryption).",
    enforcementLevel: "mandatory",
    anchors: ["x-ses-receipt-bucket"],
    kinds: ["sesReceiptRule"],
    check: (rule, resources, report) => {
        if (rule.props.tlsPolicy !== "Require") {
            report(`SES receipt rule ${rule.name} accepts mail without TLS: set tlsPolicy to "Require"`);
        }
        const actions = listOf(rule.props.s3Actions).filter(isRecord);
        const stackBuckets = receiptBuckets(rule);
        if (actions.length > 0 && stackBuckets.length === 0) {
            report(
                `SES receipt rule ${rule.name} stores mail in a bucket outside this stack: name a bucket of this stack (s3Actions.bucketName from its resource)`,
            );
        }
        const bucketsEncrypted = stackBuckets.length > 0 && stackBuckets.every(bucket => encryptedWithStackKey(bucket, resources));
        actions.forEach((action, index) => {
            if (!("kmsKeyArn" in action) && !bucketsEncrypted) {
                report(
                    `SES receipt rule ${rule.name}: s3Actions[${index}] stores mail unencrypted: encrypt its bucket with the stack key (SSE-KMS default encryption) or set kmsKeyArn`,
                );
            }
        });
    },
});

const sesPrincipal = "ses.amazonaws.com";

function namesSes(principal: unknown): boolean {
    return isRecord(principal) && listOf(principal.Service).includes(sesPrincipal);
}

/** A condition operator's keys, whatever their case (IAM condition keys are case-insensitive). */
function conditionKeys(condition: unknown, operators: string[]): string[] {
    if (!isRecord(condition)) {
        return [];
    }
    return operators
        .flatMap(operator => (isRecord(condition[operator]) ? Object.keys(condition[operator] as object) : []))
        .map(key => key.toLowerCase());
}

export const sesReceiptBucketPolicy = stackRule({
    name: "ses-receipt-bucket-policy",
    description:
        "The bucket an SES receipt rule stores mail in has a policy letting only SES write, for this account: every Allow to ses.amazonaws.com carries an aws:SourceAccount condition, and no other principal is allowed.",
    enforcementLevel: "mandatory",
    anchors: ["x-ses-receipt-bucket-policy"],
    unknownAtPreview: "a bucket policy given as a JSON string built from ARNs of this stack",
    kinds: ["sesReceiptRule"],
    check: (rule, resources, report) => {
        for (const bucket of receiptBuckets(rule)) {
            const allows = configurationsOf(bucket, resources, "bucketPolicy").flatMap(policy =>
                statementsOf(policy.props.policy).filter(statement => statement.Effect === "Allow"),
            );
            const ses = allows.filter(statement => namesSes(statement.Principal));
            if (ses.length === 0) {
                report(
                    `SES receipt rule ${rule.name}: bucket ${bucket.name} has no policy statement letting SES (${sesPrincipal}) put mail`,
                );
            }
            for (const statement of ses) {
                if (
                    !conditionKeys(statement.Condition, ["StringEquals", "StringLike", "ArnLike", "ArnEquals"]).includes(
                        "aws:sourceaccount",
                    )
                ) {
                    report(
                        `SES receipt rule ${rule.name}: bucket ${bucket.name} lets SES of any account write: add Condition StringEquals { "AWS:SourceAccount": <this account> }`,
                    );
                }
            }
            for (const statement of allows.filter(statement => !namesSes(statement.Principal))) {
                report(
                    `SES receipt rule ${rule.name}: bucket ${bucket.name} also allows ${JSON.stringify(statement.Principal)} ${JSON.stringify(statement.Action)}: only SES may write received mail`,
                );
            }
        }
    },
});

/** The region a resource is created in: its own `region` (v7), its provider's, or the stack's one AWS provider's. */
function regionOf(subject: PolicyResource, resources: PolicyResource[]): string | undefined {
    const own = subject.props.region ?? subject.provider?.props.region;
    if (typeof own === "string") {
        return own;
    }
    const regions = new Set(resources.filter(r => r.type === "pulumi:providers:aws").map(r => r.props.region));
    const [only] = [...regions];
    return regions.size === 1 && typeof only === "string" ? only : undefined;
}

export const sesReceivingRegion = stackRule({
    name: "ses-receiving-region",
    description: `SES receipt rules are in a region where SES receives e-mail (${sesReceivingRegions.join(", ")}); elsewhere the rule is created but no mail reaches it.`,
    enforcementLevel: "advisory",
    anchors: ["x-ses-receiving-region"],
    kinds: ["sesReceiptRule"],
    check: (rule, resources, report) => {
        const region = regionOf(rule, resources);
        if (region !== undefined && !sesReceivesMailIn(region)) {
            report(
                `SES receipt rule ${rule.name} is in ${region}, where SES receives no e-mail: mail for ${JSON.stringify(rule.props.recipients)} will not arrive; deploy the stack in a receiving region (docs/sources.md)`,
            );
        }
    },
});
