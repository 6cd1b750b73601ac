// "Runs in a private subnet", decided at preview without reading subnet ids: follow a resource's
// property dependencies to the Subnet resources of this stack and read their tier tags and flags.
import { PolicyResource, ReportViolation } from "@pulumi/policy";
import { PackPolicy, stackRule } from "./rule";
import { isKind, ResourceKind } from "./resource-types";
import { isRecord } from "./values";

export type SubnetTier = "public" | "private" | "isolated";

/** The tag SecureVpc puts on its subnets, and the tag awsx puts on every subnet it creates. */
export const tierTag = "dataplatform:tier";
const awsxTypeTag = "SubnetType";

/** The tier a subnet declares, or undefined when it carries no tier tag. */
export function tierOf(subnet: PolicyResource): SubnetTier | undefined {
    const tags = subnet.props.tags;
    if (!isRecord(tags)) {
        return undefined;
    }
    const declared = String(tags[tierTag] ?? tags[awsxTypeTag] ?? "").toLowerCase();
    return declared === "public" || declared === "private" || declared === "isolated" ? declared : undefined;
}

/** Subnets of this stack that a property of `resource` depends on. */
export function subnetsBehind(resource: PolicyResource, property: string): PolicyResource[] {
    return (resource.propertyDependencies[property] ?? []).filter(dependency => isKind(dependency.type, "subnet"));
}

export interface SubnetPlacementRule {
    name: string;
    description: string;
    anchors: string[];
    /** Resource kind to the top-level property that carries its subnets. */
    placements: Partial<Record<ResourceKind, string>>;
    allowedTiers: SubnetTier[];
}

/** Checks one resource's subnets; reports unverifiable placement as a violation, never as a pass. */
export function checkPlacement(resource: PolicyResource, property: string, allowed: SubnetTier[], report: ReportViolation): void {
    const subnets = subnetsBehind(resource, property);
    if (subnets.length === 0) {
        report(
            `${resource.type} ${resource.name}: cannot verify its subnets: ${property} depends on no subnet of this stack`,
            resource.urn,
        );
        return;
    }
    for (const subnet of subnets) {
        const tier = tierOf(subnet);
        if (subnet.props.mapPublicIpOnLaunch === true) {
            report(`${resource.type} ${resource.name} is placed in subnet ${subnet.name}, which assigns public IPs`, resource.urn);
        } else if (tier === undefined || !allowed.includes(tier)) {
            report(
                `${resource.type} ${resource.name} is placed in subnet ${subnet.name} of tier ${tier ?? "(untagged)"}; allowed: ${allowed.join(", ")}`,
                resource.urn,
            );
        }
    }
}

/** A mandatory stack policy placing each listed resource kind in subnets of the allowed tiers. */
export function subnetPlacementPolicy(rule: SubnetPlacementRule): PackPolicy {
    const placements = Object.entries(rule.placements) as [ResourceKind, string][];
    return stackRule({
        name: rule.name,
        description: rule.description,
        enforcementLevel: "mandatory",
        anchors: rule.anchors,
        kinds: placements.map(([kind]) => kind),
        check: (resource, _resources, report) => {
            const property = placements.find(([kind]) => isKind(resource.type, kind))?.[1];
            if (property !== undefined && property in resource.props) {
                checkPlacement(resource, property, rule.allowedTiers, report);
            }
        },
    });
}
