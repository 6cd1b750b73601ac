import { expect } from "chai";
import { kmsKeyRotationEnabled } from "../../policy/rules/kms";
import { check, resource } from "../support/policy";
import { kmsKeyPolicyNotPublic } from "../../policy/rules/kms";
import { unknownAtPreview } from "../support/policy";
import { describeRule } from "../support/rule-cases";

describe("policy: kms-key-rotation-enabled", () => {
    it("passes rotating symmetric keys and asymmetric keys (which cannot rotate)", async () => {
        const rotating = resource("aws:kms/key:Key", "rotating", { enableKeyRotation: true });
        const signing = resource("aws:kms/key:Key", "signing", { customerMasterKeySpec: "RSA_2048", keyUsage: "SIGN_VERIFY" });
        expect(await check([kmsKeyRotationEnabled], rotating, signing)).to.deep.equal([]);
    });

    it("reports a symmetric key without rotation", async () => {
        const key = resource("aws:kms/key:Key", "static", {});
        expect(await check([kmsKeyRotationEnabled], key)).to.deep.equal([
            {
                policy: "kms-key-rotation-enabled",
                level: "mandatory",
                urn: key.urn,
                message: "KMS key static does not rotate: set enableKeyRotation",
            },
        ]);
    });
});

const keyPolicy = (principal: unknown, condition?: Record<string, unknown>) =>
    JSON.stringify({
        Statement: [
            { Effect: "Allow", Principal: principal, Action: "kms:Decrypt", Resource: "*", ...(condition ? { Condition: condition } : {}) },
        ],
    });
describeRule({
    rule: kmsKeyPolicyNotPublic,
    type: "aws:kms/key:Key",
    compliant: { policy: keyPolicy("*", { StringEquals: { "kms:CallerAccount": "123456789012" } }), enableKeyRotation: true },
    violating: { "decrypt for everyone": { policy: keyPolicy({ AWS: "*" }) } },
    unknown: { policy: unknownAtPreview },
});
