// Defaults of the e-mail source's SES receiving: the one rule set of a stack, and the receipt
// bucket's policy (only SES, for this account's rule, may write). Where SES receives at all is the
// pack's concern (policy/lib/ses-regions.ts, rule ses-receiving-region).
import * as pulumi from "@pulumi/pulumi";

/** Where SES writes each message in the receipt bucket, and how long a message is kept there. */
export const receivedMailPrefix = "messages/";
export const receivedMailRetentionDays = 30;

/** The stack's one receipt rule set (SES names: letters, digits, `.`, `_`, `-`, at most 64). */
export function receiptRuleSetName(project: string, stack: string): string {
    return `${project}-${stack}-sources`.replace(/[^A-Za-z0-9._-]/g, "-").slice(0, 64);
}

/** The ARN SES acts for when a rule of the set stores mail (the bucket policy's SourceArn). */
export function receiptRuleArn(region: string, accountId: pulumi.Input<string>, ruleSet: string, rule: string): pulumi.Output<string> {
    return pulumi.interpolate`arn:aws:ses:${region}:${accountId}:receipt-rule-set/${ruleSet}:receipt-rule/${rule}`;
}

/** Bucket policy statement: SES may put messages under the prefix, for this account's rule only. */
export function sesPutStatement(
    bucketArn: pulumi.Input<string>,
    accountId: pulumi.Input<string>,
    ruleArn: pulumi.Input<string>,
): Record<string, unknown> {
    return {
        Sid: "SesStoresReceivedMail",
        Effect: "Allow",
        Principal: { Service: "ses.amazonaws.com" },
        Action: "s3:PutObject",
        Resource: pulumi.interpolate`${bucketArn}/${receivedMailPrefix}*`,
        Condition: { StringEquals: { "AWS:SourceAccount": accountId }, ArnLike: { "AWS:SourceArn": ruleArn } },
    };
}
