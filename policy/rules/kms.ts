// KMS: customer-managed keys that rotate.
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
