// The plan's resources as a graph: lookups by URN and type, the resources one property depends on,
// the top-level component a resource belongs to, and the VPC tier it is placed in. Shared by the
// cost estimate and the diagram.
import { CapturedResource } from "./capture";

export type Tier = "private" | "isolated" | "public";

const stackType = "pulumi:pulumi:Stack";
const subnetIdPattern = /\bsubnet-(private|isolated|public)-[a-z]\b/g;

export class PlanGraph {
    private readonly byUrn = new Map<string, CapturedResource>();

    constructor(readonly resources: CapturedResource[]) {
        for (const resource of resources) {
            this.byUrn.set(resource.urn, resource);
        }
    }

    get(urn: string): CapturedResource | undefined {
        return this.byUrn.get(urn);
    }

    ofType(...types: string[]): CapturedResource[] {
        return this.resources.filter(resource => types.includes(resource.type));
    }

    /** Resources the given property's value was built from (its property dependencies). */
    dependencies(resource: CapturedResource, property: string): CapturedResource[] {
        return (resource.propertyDependencies[property] ?? [])
            .map(urn => this.byUrn.get(urn))
            .filter((r): r is CapturedResource => r !== undefined);
    }

    /** The first dependency of a property that has one of the types, if any. */
    dependency(resource: CapturedResource, property: string, ...types: string[]): CapturedResource | undefined {
        return this.dependencies(resource, property).find(r => types.length === 0 || types.includes(r.type));
    }

    /** The component directly under the stack that (transitively) holds this resource; undefined at top level. */
    topComponent(resource: CapturedResource): CapturedResource | undefined {
        let current: CapturedResource | undefined = resource;
        while (current !== undefined) {
            const parent: CapturedResource | undefined = current.parent === undefined ? undefined : this.byUrn.get(current.parent);
            if (parent === undefined || parent.type === stackType) {
                return current === resource && current.custom ? undefined : current;
            }
            current = parent;
        }
        return undefined;
    }

    /** Where a resource is placed in the VPC: subnet ids in its inputs, or in a subnet group it uses. */
    tier(resource: CapturedResource): Tier | undefined {
        const direct = tiersIn(resource.inputs);
        if (direct.length > 0) {
            return direct[0];
        }
        for (const urn of resource.dependencies) {
            const dependency = this.byUrn.get(urn);
            if (dependency !== undefined && /subnetGroup:SubnetGroup$/.test(dependency.type)) {
                const viaGroup = tiersIn(dependency.inputs);
                if (viaGroup.length > 0) {
                    return viaGroup[0];
                }
            }
        }
        return undefined;
    }
}

/** Tiers named by the (mocked) subnet ids anywhere in a value, most frequent first. */
function tiersIn(value: unknown): Tier[] {
    const text = JSON.stringify(value) ?? "";
    const counts = new Map<Tier, number>();
    for (const match of text.matchAll(subnetIdPattern)) {
        const tier = match[1] as Tier;
        counts.set(tier, (counts.get(tier) ?? 0) + 1);
    }
    return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([tier]) => tier);
}

/** Number of distinct subnets (so AZs) named in a list of subnet ids. */
export function subnetCount(value: unknown): number {
    return Array.isArray(value) ? new Set(value.filter(id => typeof id === "string")).size : 0;
}
