// The estimate as text: totals, fixed and usage apart, per component, the largest resources, what
// could not be estimated, and the usage assumptions the figures rest on.
import { CostEstimate } from "./estimate";
import { ResourceEstimate } from "./model";
import { usageDefaults, UsageAssumptions } from "./usage";

const usd = (value: number) => `$${value.toFixed(2)}`;
const pad = (text: string, width: number) => text.padEnd(width);

function resourceLines(resource: ResourceEstimate): string[] {
    return resource.lines.map(
        item =>
            `      ${pad(item.kind, 5)} ${pad(usd(item.monthlyUsd), 10)} ${item.description}: ${+item.quantity.toPrecision(6)} x $${+item.unitUsd.toPrecision(6)} per ${item.unit}`,
    );
}

export function formatEstimate(estimate: CostEstimate, topResources = 12): string {
    const out: string[] = [];
    out.push(`Monthly estimate (${estimate.regions.join(", ")}, ${estimate.currency}, on-demand list prices, no free tier)`);
    out.push(`  total ${usd(estimate.totalUsd)} = fixed ${usd(estimate.fixedUsd)} + usage-driven ${usd(estimate.usageUsd)}`);
    if (estimate.budgetUsd > 0) {
        out.push(`  budget ${usd(estimate.budgetUsd)} (${estimate.budgetMandatory ? "mandatory" : "advisory"})`);
    }
    out.push("\nPer component:");
    for (const c of estimate.components) {
        out.push(`  ${pad(c.component, 34)} ${pad(usd(c.totalUsd), 10)} fixed ${pad(usd(c.fixedUsd), 10)} usage ${usd(c.usageUsd)}`);
    }
    const priced = estimate.resources
        .filter(r => r.status === "estimated")
        .sort((a, b) => b.fixedUsd + b.usageUsd - (a.fixedUsd + a.usageUsd));
    out.push(`\nLargest resources (${Math.min(topResources, priced.length)} of ${priced.length} priced):`);
    for (const r of priced.slice(0, topResources)) {
        out.push(`  ${pad(usd(r.fixedUsd + r.usageUsd), 10)} ${r.type} ${r.name}  [${r.component}]`);
        out.push(...resourceLines(r));
    }
    const free = estimate.resources.filter(r => r.status === "no-charge").length;
    out.push(`\n${free} resources have no charge of their own (IAM, security groups, routes, settings, ...).`);
    out.push(`Not estimated: ${estimate.notEstimated.length}`);
    for (const r of estimate.notEstimated) {
        out.push(`  ${r.type}  ${r.urn.split("::").pop()}: ${r.reason}`);
    }
    out.push("\nUsage assumptions (stack config; set them in Pulumi.<stack>.yaml):");
    for (const key of Object.keys(usageDefaults) as (keyof UsageAssumptions)[]) {
        const value = estimate.usage[key];
        out.push(`  ${pad(key, 32)} ${pad(String(value), 10)}${value === usageDefaults[key] ? "(default)" : ""}`);
    }
    return out.join("\n");
}
