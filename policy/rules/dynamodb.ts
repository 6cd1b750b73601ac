// DynamoDB tables: encrypted with a customer-managed key; point-in-time recovery advised.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { isRecord } from "../lib/values";

export const dynamoDbEncryptedWithCmk: ResourceValidationPolicy = {
    name: "dynamodb-encrypted-with-cmk",
    description:
        "DynamoDB tables encrypt with a customer-managed KMS key, not the AWS-owned one (awsguard dynamodb-table-encryption-enabled).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "dynamoTable")) {
            return;
        }
        const encryption = args.props.serverSideEncryption;
        if (!isRecord(encryption) || encryption.enabled !== true || !("kmsKeyArn" in encryption)) {
            report(`DynamoDB table ${args.name} is encrypted with the AWS-owned key: enable serverSideEncryption with kmsKeyArn`);
        }
    },
};

export const dynamoDbPointInTimeRecovery: ResourceValidationPolicy = {
    name: "dynamodb-point-in-time-recovery",
    description: "DynamoDB tables keep point-in-time recovery (cdk-nag AwsSolutions-DDB3, Security Hub DynamoDB.2).",
    enforcementLevel: "advisory",
    validateResource: (args, report) => {
        const recovery = args.props.pointInTimeRecovery;
        if (isKind(args.type, "dynamoTable") && !(isRecord(recovery) && recovery.enabled === true)) {
            report(`DynamoDB table ${args.name} has no point-in-time recovery`);
        }
    },
};
