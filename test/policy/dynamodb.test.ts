import { expect } from "chai";
import { dynamoDbEncryptedWithCmk, dynamoDbPointInTimeRecovery } from "../../policy/rules/dynamodb";
import { check, resource, unknownAtPreview } from "../support/policy";
import { dynamoDbCapacityScales, dynamoDbDeletionProtection } from "../../policy/rules/dynamodb";
import { describeRule } from "../support/rule-cases";

const table = (name: string, props: Record<string, unknown>) => resource("aws:dynamodb/table:Table", name, { hashKey: "id", ...props });

describe("policy: DynamoDB rules", () => {
    it("pass a table encrypted with a key unknown at preview and with point-in-time recovery", async () => {
        const good = table("good", {
            serverSideEncryption: { enabled: true, kmsKeyArn: unknownAtPreview },
            pointInTimeRecovery: { enabled: true },
        });
        expect(await check([dynamoDbEncryptedWithCmk, dynamoDbPointInTimeRecovery], good)).to.deep.equal([]);
    });

    it("report the AWS-owned key (no block, disabled, or no key ARN) as mandatory", async () => {
        const tables = [
            table("default", {}),
            table("disabled", { serverSideEncryption: { enabled: false } }),
            table("aws-managed", { serverSideEncryption: { enabled: true } }),
        ];
        const violations = await check([dynamoDbEncryptedWithCmk], ...tables);
        expect(violations.map(v => [v.level, v.urn])).to.deep.equal(tables.map(t => ["mandatory", t.urn]));
    });

    it("advise on a table without point-in-time recovery", async () => {
        const violations = await check([dynamoDbPointInTimeRecovery], table("no-pitr", { pointInTimeRecovery: { enabled: false } }));
        expect(violations.map(v => [v.level, v.message])).to.deep.equal([
            ["advisory", "DynamoDB table no-pitr has no point-in-time recovery"],
        ]);
    });
});

describeRule({
    rule: dynamoDbCapacityScales,
    type: "aws:dynamodb/table:Table",
    compliant: { billingMode: "PAY_PER_REQUEST" },
    violating: { "fixed provisioned capacity": { billingMode: "PROVISIONED", readCapacity: 5 } },
    unknown: { billingMode: unknownAtPreview },
});
describeRule({
    rule: dynamoDbDeletionProtection,
    type: "aws:dynamodb/table:Table",
    compliant: { deletionProtectionEnabled: true },
    violating: { "the default": {} },
    unknown: { deletionProtectionEnabled: unknownAtPreview },
});
