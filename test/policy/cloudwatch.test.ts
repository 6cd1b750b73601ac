import { expect } from "chai";
import { logGroupEncrypted, logGroupRetention } from "../../policy/rules/cloudwatch";
import { check, resource, unknownAtPreview } from "../support/policy";
import { alarmHasActions } from "../../policy/rules/cloudwatch";
import { describeRule } from "../support/rule-cases";

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

describeRule({
    rule: alarmHasActions,
    type: "aws:cloudwatch/metricAlarm:MetricAlarm",
    compliant: { alarmActions: [unknownAtPreview], comparisonOperator: "GreaterThanThreshold" },
    violating: {
        "no actions": { comparisonOperator: "GreaterThanThreshold" },
        "actions disabled": { alarmActions: [unknownAtPreview], actionsEnabled: false },
    },
    unknown: { alarmActions: [unknownAtPreview], actionsEnabled: unknownAtPreview },
});
