// Secrets Manager secrets are encrypted with a customer-managed key and rotate.
import { isKind } from "../lib/resource-types";
import { resourceRule, stackRule } from "../lib/rule";
import { isRecord } from "../lib/values";

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

/** Security Hub SecretsManager.4's default: rotated within 90 days. */
const maximumRotationDays = 90;

export const secretRotated = stackRule({
    name: "secret-rotated",
    description: `Secrets rotate automatically at least every ${maximumRotationDays} days through a SecretRotation (cdk-nag AwsSolutions-SMG4, Security Hub SecretsManager.1/.4); RDS-managed secrets rotate themselves.`,
    // Advisory: the Redis AUTH token has no rotation function yet (docs/policies.md, deviations).
    enforcementLevel: "advisory",
    anchors: ["AwsSolutions-SMG4", "SecretsManager.4"],
    kinds: ["secret"],
    check: (secret, resources, report) => {
        const rotations = resources.filter(
            r => isKind(r.type, "secretRotation") && (r.propertyDependencies.secretId ?? []).some(d => d.urn === secret.urn),
        );
        const days = rotations.map(r => (isRecord(r.props.rotationRules) ? r.props.rotationRules.automaticallyAfterDays : undefined));
        const scheduled = rotations.some(r => isRecord(r.props.rotationRules) && "scheduleExpression" in r.props.rotationRules);
        if (!scheduled && !days.some(d => typeof d === "number" && d <= maximumRotationDays)) {
            report(
                `secret ${secret.name} does not rotate within ${maximumRotationDays} days: add aws.secretsmanager.SecretRotation with rotationRules`,
            );
        }
    },
});
