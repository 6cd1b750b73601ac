import { expect } from "chai";
import { kmsKeyRotationEnabled, logGroupEncrypted } from "../../policy/rules/encryption";
import { logGroupRetention } from "../../policy/rules/logging";
import { check, resource, unknownAtPreview } from "../support/policy";

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

describe("policy: log-group-encrypted", () => {
    it("passes a group whose key ARN is unknown at preview", async () => {
        expect(
            await check(
                [logGroupEncrypted],
                resource("aws:cloudwatch/logGroup:LogGroup", "ok", { kmsKeyId: unknownAtPreview, retentionInDays: 30 }),
            ),
        ).to.deep.equal([]);
    });

    it("reports a group without a key", async () => {
        const violations = await check([logGroupEncrypted], resource("aws:cloudwatch/logGroup:LogGroup", "plain", { retentionInDays: 30 }));
        expect(violations.map(v => [v.level, v.message])).to.deep.equal([["mandatory", "log group plain is not encrypted with a KMS key"]]);
    });
});

describe("policy: log-group-retention", () => {
    it("passes a finite retention", async () => {
        expect(await check([logGroupRetention], resource("aws:cloudwatch/logGroup:LogGroup", "ok", { retentionInDays: 14 }))).to.deep.equal(
            [],
        );
    });

    it("reports missing or never-expiring retention", async () => {
        const missing = resource("aws:cloudwatch/logGroup:LogGroup", "missing", {});
        const forever = resource("aws:cloudwatch/logGroup:LogGroup", "forever", { retentionInDays: 0 });
        expect((await check([logGroupRetention], missing, forever)).map(v => v.urn)).to.deep.equal([missing.urn, forever.urn]);
    });
});
