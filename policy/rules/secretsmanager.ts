// Secrets Manager secrets are encrypted with a customer-managed key.
import { resourceRule } from "../lib/rule";

export const secretEncryptedWithCmk = resourceRule({
    name: "secret-encrypted-with-cmk",
    description: "Secrets are encrypted with a customer-managed KMS key, not aws/secretsmanager (cdk-nag SecretsManagerUsingKMSKey).",
    enforcementLevel: "mandatory",
    anchors: ["NIST-SecretsManagerUsingKMSKey"],
    kinds: ["secret"],
    check: (secret, report) => {
        if (!("kmsKeyId" in secret.props)) {
            report(`secret ${secret.name} is encrypted with the AWS-managed key: set kmsKeyId`);
        }
    },
});
