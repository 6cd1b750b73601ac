import { expect } from "chai";
import { secretEncryptedWithCmk } from "../../policy/rules/secretsmanager";
import { check, resource, unknownAtPreview } from "../support/policy";
import { secretRotated } from "../../policy/rules/secretsmanager";
import { describeRule } from "../support/rule-cases";

describe("policy: secret-encrypted-with-cmk", () => {
    it("passes a secret whose key is unknown at preview and reports one on the AWS-managed key", async () => {
        const good = resource("aws:secretsmanager/secret:Secret", "good", { kmsKeyId: unknownAtPreview });
        const managed = resource("aws:secretsmanager/secret:Secret", "managed", { description: "token" });
        const violations = await check([secretEncryptedWithCmk], good, managed);
        expect(violations.map(v => [v.level, v.urn])).to.deep.equal([["mandatory", managed.urn]]);
    });
});

describeRule({
    rule: secretRotated,
    type: "aws:secretsmanager/secret:Secret",
    compliant: {},
    violating: { "a secret without rotation": {} },
    unknown: {},
    build: (name, props) => {
        const secret = resource("aws:secretsmanager/secret:Secret", name, { ...props, kmsKeyId: unknownAtPreview });
        const days = name === "pending" ? unknownAtPreview : 30;
        const rotation = resource(
            "aws:secretsmanager/secretRotation:SecretRotation",
            `${name}-rotation`,
            { secretId: unknownAtPreview, rotationRules: { automaticallyAfterDays: days } },
            { propertyDependencies: { secretId: [secret] } },
        );
        return name === "bad" ? [secret] : [secret, rotation];
    },
});
