import { expect } from "chai";
import { eventTargetDeadLetter } from "../../policy/rules/eventbridge";
import { check, resource, unknownAtPreview } from "../support/policy";
import { eventBusPolicyNotPublic } from "../../policy/rules/eventbridge";
import { describeRule } from "../support/rule-cases";

describe("policy: event-target-dead-letter", () => {
    const target = (name: string, props: Record<string, unknown>) =>
        resource("aws:cloudwatch/eventTarget:EventTarget", name, { rule: unknownAtPreview, arn: unknownAtPreview, ...props });

    it("passes a target with retries and a dead-letter queue unknown at preview", async () => {
        const good = target("good", {
            retryPolicy: { maximumRetryAttempts: 8, maximumEventAgeInSeconds: 3600 },
            deadLetterConfig: { arn: unknownAtPreview },
        });
        expect(await check([eventTargetDeadLetter], good)).to.deep.equal([]);
    });

    it("reports a target that would drop undeliverable events, as mandatory", async () => {
        const violations = await check(
            [eventTargetDeadLetter],
            target("bare", {}),
            target("retry-only", { retryPolicy: { maximumRetryAttempts: 2 } }),
        );
        expect(violations.map(v => [v.level, v.message])).to.deep.equal([
            ["mandatory", "event target bare loses events it cannot deliver: no dead-letter queue; no retry policy"],
            ["mandatory", "event target retry-only loses events it cannot deliver: no dead-letter queue"],
        ]);
    });
});

describeRule({
    rule: eventBusPolicyNotPublic,
    type: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
    compliant: {
        policy: JSON.stringify({
            Statement: [
                { Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:root" }, Action: "events:PutEvents", Resource: "*" },
            ],
        }),
    },
    violating: {
        "put-events for everyone": {
            policy: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "events:PutEvents", Resource: "*" }] }),
        },
    },
    unknown: { policy: unknownAtPreview },
});
