// Builds resources as the CrossGuard engine hands them to policies, and runs one policy over them.
import { Policies } from "@pulumi/policy";
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
