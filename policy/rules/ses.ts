// SES receipt rules: mail is received over TLS and stored, encrypted, in a bucket of this stack
// (which the bucket rules then hold to encryption, TLS-only and no public access).
import { isKind } from "../lib/resource-types";
import { stackRule } from "../lib/rule";
import { isRecord, listOf } from "../lib/values";

export const sesReceiptToStackBucket = stackRule({
    name: "ses-receipt-bucket-secure",
    description:
        "SES receipt rules require TLS, and each S3 action writes to a bucket of this stack and encrypts the mail with a KMS key (kmsKeyArn).",
    enforcementLevel: "mandatory",
    anchors: ["x-ses-receipt-bucket"],
    kinds: ["sesReceiptRule"],
    check: (rule, _resources, report) => {
        if (rule.props.tlsPolicy !== "Require") {
            report(`SES receipt rule ${rule.name} accepts mail without TLS: set tlsPolicy to "Require"`);
        }
        const actions = listOf(rule.props.s3Actions).filter(isRecord);
        const stackBuckets = (rule.propertyDependencies.s3Actions ?? []).filter(d => isKind(d.type, "bucket"));
        if (actions.length > 0 && stackBuckets.length === 0) {
            report(
                `SES receipt rule ${rule.name} stores mail in a bucket outside this stack: name a bucket of this stack (s3Actions.bucketName from its resource)`,
            );
        }
        actions.forEach((action, index) => {
            if (!("kmsKeyArn" in action)) {
                report(`SES receipt rule ${rule.name}: s3Actions[${index}] stores mail unencrypted: set kmsKeyArn to the stack key`);
            }
        });
    },
});
