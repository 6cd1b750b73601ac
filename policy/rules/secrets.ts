// Secrets Manager secrets are encrypted with a customer-managed key.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";

export const secretEncryptedWithCmk: ResourceValidationPolicy = {
    name: "secret-encrypted-with-cmk",
    description: "Secrets are encrypted with a customer-managed KMS key, not aws/secretsmanager (cdk-nag SecretsManagerUsingKMSKey).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (isKind(args.type, "secret") && !("kmsKeyId" in args.props)) {
            report(`secret ${args.name} is encrypted with the AWS-managed key: set kmsKeyId`);
        }
    },
};
