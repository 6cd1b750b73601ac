// The shapes of an estimate: line items priced from the region's file, grouped per resource and
// per component, fixed costs (provisioned capacity) apart from usage-driven ones.
import { CapturedResource } from "../capture";
import { PlanGraph } from "../plan-graph";
import { PriceBook } from "./prices";
import { UsageAssumptions } from "./usage";

export type CostKind = "fixed" | "usage";

export interface LineItem {
    description: string;
    kind: CostKind;
    quantity: number;
    unit: string;
    priceKey: string;
    unitUsd: number;
    monthlyUsd: number;
}

export type ResourceStatus = "estimated" | "no-charge" | "not-estimated";

export interface ResourceEstimate {
    urn: string;
    type: string;
    name: string;
    /** Top-level component (`name (Type)`), or `stack` for resources directly under the stack. */
    component: string;
    region: string;
    status: ResourceStatus;
    /** Why a resource costs nothing, or why it could not be estimated. */
    note?: string;
    lines: LineItem[];
    fixedUsd: number;
    usageUsd: number;
}

export interface EstimateContext {
    prices: PriceBook;
    usage: UsageAssumptions;
    graph: PlanGraph;
    /** Invocations per month of each function, by URN (from its triggers). */
    invocations: Map<string, number>;
}

export type Estimator = (resource: CapturedResource, context: EstimateContext) => LineItem[];

/** A priced line: quantity times the unit price of `priceKey`, per month. */
export function line(context: EstimateContext, priceKey: string, quantity: number, description: string, kind: CostKind): LineItem {
    const price = context.prices.price(priceKey);
    return { description, kind, quantity, unit: price.unit, priceKey, unitUsd: price.usd, monthlyUsd: quantity * price.usd };
}

/** Hours of a month (the price file's convention, 730 for AWS). */
export function monthHours(context: EstimateContext): number {
    return context.prices.hoursPerMonth;
}

export function monthDays(context: EstimateContext): number {
    return context.prices.daysPerMonth;
}

export function numberInput(resource: CapturedResource, key: string, fallback: number): number {
    const value = Number(resource.inputs[key]);
    return Number.isFinite(value) && resource.inputs[key] !== undefined ? value : fallback;
}

export function objectInput(resource: CapturedResource, key: string): Record<string, unknown> {
    const value = resource.inputs[key];
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
