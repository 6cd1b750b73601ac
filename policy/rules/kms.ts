// KMS: customer-managed keys that rotate.
import { openPolicyRule } from "../lib/resource-policies";
import { resourceRule } from "../lib/rule";

export const kmsKeyRotationEnabled = resourceRule({
    name: "kms-key-rotation-enabled",
    description: "Symmetric customer-managed KMS keys rotate (cdk-nag AwsSolutions-KMS5).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-KMS5", "KMS.4"],
    kinds: ["kmsKey"],
    check: (key, report) => {
        const spec = key.props.customerMasterKeySpec ?? key.props.keySpec ?? "SYMMETRIC_DEFAULT";
        if (spec === "SYMMETRIC_DEFAULT" && key.props.enableKeyRotation !== true) {
            report(`KMS key ${key.name} does not rotate: set enableKeyRotation`);
        }
    },
});

export const kmsKeyPolicyNotPublic = openPolicyRule({
    name: "kms-key-policy-not-public",
    description: 'KMS key policies allow nothing to Principal "*" without a condition (Security Hub KMS.5).',
    anchors: ["KMS.5"],
    kinds: ["kmsKey"],
});
