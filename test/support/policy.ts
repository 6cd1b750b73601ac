// Builds resources as the CrossGuard engine hands them to policies, and runs one policy over them.
import { Policies } from "@pulumi/policy";
import { PackPolicy, previewUnverified } from "../../policy/lib/rule";
import { EvaluatedResource, evaluatePolicies, Violation } from "../../scripts/plan/evaluate";
import { unknownSentinel } from "../../scripts/plan/preview";

/** A value the engine does not know during preview (an id or ARN of a resource being created). */
export const unknownAtPreview = unknownSentinel;

export interface ResourceOptions {
    parent?: EvaluatedResource;
    /** Top-level property to the resources its value comes from. */
    propertyDependencies?: Record<string, EvaluatedResource[]>;
}

let counter = 0;

export function resource(type: string, name: string, props: Record<string, unknown>, options: ResourceOptions = {}): EvaluatedResource {
    counter += 1;
    const qualified = options.parent ? `${options.parent.urn.split("::")[2]}$${type}` : type;
    const propertyDependencies = Object.fromEntries(
        Object.entries(options.propertyDependencies ?? {}).map(([key, deps]) => [key, deps.map(d => d.urn)]),
    );
    return {
        urn: `urn:pulumi:test::data-platform::${qualified}::${name}`,
        type,
        name: `${name}`,
        parent: options.parent?.urn,
        custom: !type.startsWith("dataplatform:") && type !== "awsx:ec2:Vpc",
        provider: `provider-${counter}`,
        providers: {},
        inputs: props,
        props,
        dependencies: Object.values(propertyDependencies).flat(),
        propertyDependencies,
    };
}

export function check(policies: Policies, ...resources: EvaluatedResource[]): Promise<Violation[]> {
    return evaluatePolicies(policies, resources);
}

/**
 * Runs rules as the pack does: each rule, plus the advisory report naming every resource a rule
 * could not decide at preview.
 */
export function judge(rules: PackPolicy[], ...resources: EvaluatedResource[]): Promise<Violation[]> {
    return evaluatePolicies([...rules, previewUnverified(rules)], resources);
}

/** `policy level resource-name` of each violation, for compact assertions. */
export function verdicts(violations: Violation[]): string[] {
    return violations.map(v => `${v.policy} ${v.level} ${v.urn.split("::").pop()}`);
}
