// The budget rule: an estimate above `costBudgetUsd` is a violation, advisory unless the stack sets
// `costBudgetMandatory: true`. No budget (0) means no rule.
import type { Violation } from "../evaluate";
import type { CostEstimate } from "./estimate";

export const budgetPolicy = "cost-budget";

export function budgetViolations(estimate: CostEstimate): Violation[] {
    if (estimate.budgetUsd <= 0 || estimate.totalUsd <= estimate.budgetUsd) {
        return [];
    }
    const dominant = estimate.components[0];
    return [
        {
            policy: budgetPolicy,
            level: estimate.budgetMandatory ? "mandatory" : "advisory",
            urn: "",
            message:
                `estimated $${estimate.totalUsd.toFixed(2)}/month exceeds the stack's budget of $${estimate.budgetUsd.toFixed(2)}` +
                (dominant ? ` (largest: ${dominant.component} at $${dominant.totalUsd.toFixed(2)})` : ""),
        },
    ];
}
