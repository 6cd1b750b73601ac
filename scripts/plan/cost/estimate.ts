// The monthly estimate of a plan: every custom resource priced by its type's estimator in its
// provider's region, or marked no-charge or not estimated (never dropped), summed per component.
import { CapturedResource } from "../capture";
import { PlanGraph } from "../plan-graph";
import { estimators, noChargeTypes } from "./estimators";
import { invocationsPerMonth } from "./invocations";
import { EstimateContext, LineItem, ResourceEstimate } from "./model";
import { PlanInputError } from "../stack-config";
import { loadPriceBook, MissingPriceError, PriceBook, pricesDir } from "./prices";
import { CostSettings, UsageAssumptions } from "./usage";

export interface ComponentTotal {
    component: string;
    fixedUsd: number;
    usageUsd: number;
    totalUsd: number;
}

export interface CostEstimate {
    regions: string[];
    currency: "USD";
    fixedUsd: number;
    usageUsd: number;
    totalUsd: number;
    components: ComponentTotal[];
    resources: ResourceEstimate[];
    notEstimated: { urn: string; type: string; reason: string }[];
    usage: UsageAssumptions;
    budgetUsd: number;
    budgetMandatory: boolean;
}

/** The region a resource is created in: its explicit provider's, else the stack's `aws:region`. */
function regionOf(resource: CapturedResource, graph: PlanGraph, defaultRegion: string | undefined): string | undefined {
    const providerUrn = resource.provider.split("::").slice(0, -1).join("::");
    const provider = providerUrn ? graph.get(providerUrn) : undefined;
    const region = provider?.inputs.region;
    return typeof region === "string" && region !== "" ? region : defaultRegion;
}

function componentLabel(resource: CapturedResource, graph: PlanGraph): string {
    const component = graph.topComponent(resource);
    return component === undefined ? "stack" : `${component.name} (${component.type.split(":").pop()})`;
}

const sum = (lines: LineItem[], kind: LineItem["kind"]) => lines.filter(l => l.kind === kind).reduce((a, l) => a + l.monthlyUsd, 0);

/** A resource no estimator prices: no charge when its type is known to be free, else not estimated. */
function unpriced(resource: CapturedResource, component: string, region: string | undefined): ResourceEstimate {
    const base = { urn: resource.urn, type: resource.type, name: resource.name, component, region: region ?? "unknown" };
    const reason = noChargeTypes[resource.type];
    return reason !== undefined
        ? { ...base, status: "no-charge", note: reason, lines: [], fixedUsd: 0, usageUsd: 0 }
        : { ...base, status: "not-estimated", note: `no estimator for ${resource.type}`, lines: [], fixedUsd: 0, usageUsd: 0 };
}

function estimateResource(resource: CapturedResource, context: EstimateContext, component: string): ResourceEstimate {
    const base = { urn: resource.urn, type: resource.type, name: resource.name, component, region: context.prices.region };
    const estimator = estimators[resource.type];
    try {
        const lines = estimator(resource, context);
        const status = lines.length === 0 ? "no-charge" : "estimated";
        return { ...base, status, lines, fixedUsd: sum(lines, "fixed"), usageUsd: sum(lines, "usage") };
    } catch (error) {
        if (error instanceof MissingPriceError) {
            return { ...base, status: "not-estimated", note: error.message, lines: [], fixedUsd: 0, usageUsd: 0 };
        }
        throw error;
    }
}

function componentTotals(resources: ResourceEstimate[]): ComponentTotal[] {
    const totals = new Map<string, ComponentTotal>();
    for (const r of resources) {
        const total = totals.get(r.component) ?? { component: r.component, fixedUsd: 0, usageUsd: 0, totalUsd: 0 };
        total.fixedUsd += r.fixedUsd;
        total.usageUsd += r.usageUsd;
        total.totalUsd += r.fixedUsd + r.usageUsd;
        totals.set(r.component, total);
    }
    return [...totals.values()].sort((a, b) => b.totalUsd - a.totalUsd);
}

/**
 * Estimates every custom resource of a plan (awsx children included). Throws PlanInputError when
 * a resource's region has no price file or cannot be told.
 */
export function estimateCosts(
    resources: CapturedResource[],
    settings: CostSettings,
    defaultRegion: string | undefined,
    dir = pricesDir,
): CostEstimate {
    const graph = new PlanGraph(resources);
    const books = new Map<string, PriceBook>();
    const contexts = new Map<string, EstimateContext>();
    const contextFor = (region: string): EstimateContext => {
        let context = contexts.get(region);
        if (context === undefined) {
            const prices = books.get(region) ?? loadPriceBook(region, dir);
            books.set(region, prices);
            context = {
                prices,
                usage: settings.usage,
                graph,
                invocations: invocationsPerMonth(graph, settings.usage, prices.daysPerMonth),
            };
            contexts.set(region, context);
        }
        return context;
    };
    const estimates = resources
        .filter(r => r.custom)
        .map(r => {
            const region = regionOf(r, graph, defaultRegion);
            if (estimators[r.type] === undefined) {
                return unpriced(r, componentLabel(r, graph), region);
            }
            if (region === undefined) {
                throw new PlanInputError(
                    `cannot estimate ${r.type} ${r.name}: its provider names no region and the stack sets no aws:region`,
                );
            }
            return estimateResource(r, contextFor(region), componentLabel(r, graph));
        });
    const fixedUsd = estimates.reduce((a, r) => a + r.fixedUsd, 0);
    const usageUsd = estimates.reduce((a, r) => a + r.usageUsd, 0);
    return {
        regions: [...books.keys()].sort(),
        currency: "USD",
        fixedUsd,
        usageUsd,
        totalUsd: fixedUsd + usageUsd,
        components: componentTotals(estimates),
        resources: estimates,
        notEstimated: estimates.filter(r => r.status === "not-estimated").map(r => ({ urn: r.urn, type: r.type, reason: r.note ?? "" })),
        usage: settings.usage,
        budgetUsd: settings.budgetUsd,
        budgetMandatory: settings.budgetMandatory,
    };
}
