// Encryption at rest with customer-managed keys that rotate.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";

export const kmsKeyRotationEnabled: ResourceValidationPolicy = {
    name: "kms-key-rotation-enabled",
    description: "Symmetric customer-managed KMS keys rotate (cdk-nag AwsSolutions-KMS5).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "kmsKey")) {
            return;
        }
        const spec = args.props.customerMasterKeySpec ?? args.props.keySpec ?? "SYMMETRIC_DEFAULT";
        if (spec === "SYMMETRIC_DEFAULT" && args.props.enableKeyRotation !== true) {
            report(`KMS key ${args.name} does not rotate: set enableKeyRotation`);
        }
    },
};

export const logGroupEncrypted: ResourceValidationPolicy = {
    name: "log-group-encrypted",
    description: "Log groups are encrypted with a customer-managed KMS key (cdk-nag CloudWatchLogGroupEncrypted).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        // Only presence is checked: the key ARN is unknown until the key exists.
        if (isKind(args.type, "logGroup") && !("kmsKeyId" in args.props)) {
            report(`log group ${args.name} is not encrypted with a KMS key`);
        }
    },
};
