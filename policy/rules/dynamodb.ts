// DynamoDB tables: encrypted with a customer-managed key; point-in-time recovery advised.
import { resourceRule } from "../lib/rule";
import { isRecord } from "../lib/values";

export const dynamoDbEncryptedWithCmk = resourceRule({
    name: "dynamodb-encrypted-with-cmk",
    description:
        "DynamoDB tables encrypt with a customer-managed KMS key, not the AWS-owned one (awsguard dynamodb-table-encryption-enabled).",
    enforcementLevel: "mandatory",
    anchors: ["awsguard-dynamodb-table-encryption-enabled"],
    kinds: ["dynamoTable"],
    check: (table, report) => {
        const encryption = table.props.serverSideEncryption;
        if (!isRecord(encryption) || encryption.enabled !== true || !("kmsKeyArn" in encryption)) {
            report(`DynamoDB table ${table.name} is encrypted with the AWS-owned key: enable serverSideEncryption with kmsKeyArn`);
        }
    },
});

export const dynamoDbPointInTimeRecovery = resourceRule({
    name: "dynamodb-point-in-time-recovery",
    description: "DynamoDB tables keep point-in-time recovery (cdk-nag AwsSolutions-DDB3, Security Hub DynamoDB.2).",
    enforcementLevel: "advisory",
    anchors: ["AwsSolutions-DDB3", "DynamoDB.2"],
    kinds: ["dynamoTable"],
    check: (table, report) => {
        const recovery = table.props.pointInTimeRecovery;
        if (!(isRecord(recovery) && recovery.enabled === true)) {
            report(`DynamoDB table ${table.name} has no point-in-time recovery`);
        }
    },
});

export const dynamoDbCapacityScales = resourceRule({
    name: "dynamodb-capacity-scales",
    description: "DynamoDB tables bill on demand (or scale provisioned capacity with Application Auto Scaling) (Security Hub DynamoDB.1).",
    enforcementLevel: "advisory",
    anchors: ["DynamoDB.1"],
    kinds: ["dynamoTable"],
    check: (table, report) => {
        if (table.props.billingMode !== "PAY_PER_REQUEST") {
            report(`DynamoDB table ${table.name} has fixed provisioned capacity: set billingMode to PAY_PER_REQUEST or add auto scaling`);
        }
    },
});

export const dynamoDbDeletionProtection = resourceRule({
    name: "dynamodb-deletion-protection",
    description: "DynamoDB tables refuse deletion (Security Hub DynamoDB.6).",
    // Advisory: development stacks are meant to be torn down.
    enforcementLevel: "advisory",
    anchors: ["DynamoDB.6"],
    kinds: ["dynamoTable"],
    check: (table, report) => {
        if (table.props.deletionProtectionEnabled !== true) {
            report(`DynamoDB table ${table.name} can be deleted: set deletionProtectionEnabled to true`);
        }
    },
});
