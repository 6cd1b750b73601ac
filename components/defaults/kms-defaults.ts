// Secure defaults for the platform's customer-managed KMS key.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** Key settings every stack uses: symmetric, rotated yearly, 30-day deletion window. */
export const platformKeyDefaults = {
    description: "Encrypts the data platform's stores, queues, topics and log groups",
    keyUsage: "ENCRYPT_DECRYPT",
    customerMasterKeySpec: "SYMMETRIC_DEFAULT",
    enableKeyRotation: true,
    rotationPeriodInDays: 365,
    deletionWindowInDays: 30,
} as const;

/**
 * AWS services that write encrypted data on the platform's behalf (alarms, schedules,
 * notifications, and SES storing received mail in a bucket encrypted with the key).
 */
export const keyUsingServices = [
    "cloudwatch.amazonaws.com",
    "events.amazonaws.com",
    "s3.amazonaws.com",
    "ses.amazonaws.com",
    "sns.amazonaws.com",
];

/**
 * The key policy: the account administers the key through IAM, CloudWatch Logs may use it for
 * this account's log groups only, and the listed services may use it for this account only.
 */
export function platformKeyPolicy(accountId: pulumi.Input<string>, region: string): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "AccountAdministersKeyThroughIam",
                Effect: "Allow",
                Principal: { AWS: pulumi.interpolate`arn:aws:iam::${accountId}:root` },
                Action: "kms:*",
                Resource: "*",
            },
            {
                Sid: "CloudWatchLogsEncryptsThisAccountsLogGroups",
                Effect: "Allow",
                Principal: { Service: `logs.${region}.amazonaws.com` },
                Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                Resource: "*",
                Condition: {
                    ArnLike: { "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:aws:logs:${region}:${accountId}:log-group:*` },
                },
            },
            {
                Sid: "PlatformServicesWriteEncryptedMessages",
                Effect: "Allow",
                Principal: { Service: keyUsingServices },
                Action: ["kms:Decrypt", "kms:GenerateDataKey*"],
                Resource: "*",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    } as unknown as aws.iam.PolicyDocument;
}
