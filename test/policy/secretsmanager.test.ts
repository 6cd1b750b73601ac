import { expect } from "chai";
import { secretEncryptedWithCmk } from "../../policy/rules/secretsmanager";
import { check, resource, unknownAtPreview } from "../support/policy";

describe("policy: secret-encrypted-with-cmk", () => {
    it("passes a secret whose key is unknown at preview and reports one on the AWS-managed key", async () => {
        const good = resource("aws:secretsmanager/secret:Secret", "good", { kmsKeyId: unknownAtPreview });
        const managed = resource("aws:secretsmanager/secret:Secret", "managed", { description: "token" });
        const violations = await check([secretEncryptedWithCmk], good, managed);
        expect(violations.map(v => [v.level, v.urn])).to.deep.equal([["mandatory", managed.urn]]);
    });
});
