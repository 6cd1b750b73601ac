// Mocks never run remote components, so `awsx:ec2:Vpc` arrives as one resource with no children.
// A real preview registers the VPC, subnets, route tables, routes, gateways and endpoints awsx
// builds. This model adds those children (as awsx 3.x builds them from the same args) so that the
// policies see the graph a real preview would give them, with the same property dependencies.
import { mockAvailabilityZones, mockSubnetId } from "./mocks";
import { CapturedResource } from "./capture";

interface SubnetSpec {
    type: "Public" | "Private" | "Isolated";
    tags?: Record<string, string>;
}
interface EndpointSpec {
    serviceName: string;
    vpcEndpointType?: string;
}

function childUrn(parentUrn: string, type: string, name: string): string {
    const [stackPart, project, qualifiedType] = parentUrn.split("::");
    return `${stackPart}::${project}::${qualifiedType}$${type}::${name}`;
}

function child(
    parent: CapturedResource,
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    propertyDependencies: Record<string, string[]> = {},
): CapturedResource {
    return {
        urn: childUrn(parent.urn, type, name),
        type,
        name,
        parent: parent.urn,
        custom: true,
        provider: parent.providers.aws ?? parent.provider,
        providers: {},
        inputs,
        dependencies: [...new Set(Object.values(propertyDependencies).flat())],
        propertyDependencies,
        aliases: [],
    };
}

/** Mocked ids of modelled subnets, to match them in other resources' inputs. */
const mockIds = new Map<string, string>();

/** The resources awsx would create for one `awsx:ec2:Vpc` registration. */
export function expandAwsxVpc(component: CapturedResource): CapturedResource[] {
    const inputs = component.inputs;
    const name = component.name;
    const azCount = Number(inputs.numberOfAvailabilityZones ?? 3);
    const specs = (inputs.subnetSpecs as SubnetSpec[] | undefined) ?? [{ type: "Private" }, { type: "Public" }];
    const sharedTags = { Name: name, ...(inputs.tags as Record<string, string> | undefined) };
    const natStrategy = (inputs.natGateways as { strategy?: string } | undefined)?.strategy ?? "OnePerAz";

    const vpc = child(component, "aws:ec2/vpc:Vpc", name, {
        cidrBlock: inputs.cidrBlock ?? "10.0.0.0/16",
        enableDnsHostnames: inputs.enableDnsHostnames ?? false,
        enableDnsSupport: inputs.enableDnsSupport ?? true,
        tags: sharedTags,
    });
    const internetGateway = child(vpc, "aws:ec2/internetGateway:InternetGateway", name, { vpcId: `vpc-${name}` }, { vpcId: [vpc.urn] });
    const resources: CapturedResource[] = [vpc, internetGateway];
    const routeTables: CapturedResource[] = [];
    const natGateways: CapturedResource[] = [];

    for (const spec of ["Public", "Private", "Isolated"]
        .map(type => specs.find(s => s.type === type))
        .filter((s): s is SubnetSpec => s !== undefined)) {
        for (let az = 0; az < azCount; az++) {
            const subnetName = `${name}-${spec.type.toLowerCase()}-${az + 1}`;
            const subnet = child(
                vpc,
                "aws:ec2/subnet:Subnet",
                subnetName,
                {
                    vpcId: `vpc-${name}`,
                    availabilityZone: mockAvailabilityZones[az],
                    mapPublicIpOnLaunch: spec.type === "Public",
                    tags: { ...sharedTags, ...spec.tags, Name: subnetName, SubnetType: spec.type },
                },
                { vpcId: [vpc.urn] },
            );
            mockIds.set(subnet.urn, mockSubnetId(spec.type, az));
            const routeTable = child(subnet, "aws:ec2/routeTable:RouteTable", subnetName, { vpcId: `vpc-${name}` }, { vpcId: [vpc.urn] });
            const association = child(
                routeTable,
                "aws:ec2/routeTableAssociation:RouteTableAssociation",
                subnetName,
                { subnetId: mockSubnetId(spec.type, az), routeTableId: `rtb-${subnetName}` },
                { subnetId: [subnet.urn], routeTableId: [routeTable.urn] },
            );
            resources.push(subnet, routeTable, association);
            routeTables.push(routeTable);
            if (spec.type === "Public") {
                resources.push(
                    child(
                        routeTable,
                        "aws:ec2/route:Route",
                        `${subnetName}-ig`,
                        { routeTableId: `rtb-${subnetName}`, destinationCidrBlock: "0.0.0.0/0", gatewayId: `igw-${name}` },
                        { routeTableId: [routeTable.urn], gatewayId: [internetGateway.urn] },
                    ),
                );
                if (natStrategy === "OnePerAz" || (natStrategy === "Single" && az === 0)) {
                    const eip = child(subnet, "aws:ec2/eip:Eip", `${name}-${az + 1}`, { domain: "vpc" });
                    const nat = child(
                        subnet,
                        "aws:ec2/natGateway:NatGateway",
                        `${name}-${az + 1}`,
                        { subnetId: mockSubnetId("Public", az), allocationId: `eipalloc-${az}` },
                        { subnetId: [subnet.urn], allocationId: [eip.urn] },
                    );
                    resources.push(eip, nat);
                    natGateways.push(nat);
                }
            } else if (spec.type === "Private" && natGateways.length > 0) {
                const nat = natGateways[Math.min(az, natGateways.length - 1)];
                resources.push(
                    child(
                        routeTable,
                        "aws:ec2/route:Route",
                        `${subnetName}-nat-${az + 1}`,
                        { routeTableId: `rtb-${subnetName}`, destinationCidrBlock: "0.0.0.0/0", natGatewayId: `nat-${az}` },
                        { routeTableId: [routeTable.urn], natGatewayId: [nat.urn] },
                    ),
                );
            }
        }
    }

    for (const endpoint of (inputs.vpcEndpointSpecs as EndpointSpec[] | undefined) ?? []) {
        resources.push(
            child(
                vpc,
                "aws:ec2/vpcEndpoint:VpcEndpoint",
                endpoint.serviceName,
                {
                    vpcId: `vpc-${name}`,
                    serviceName: endpoint.serviceName,
                    vpcEndpointType: endpoint.vpcEndpointType ?? "Gateway",
                    routeTableIds: routeTables.map(table => `rtb-${table.name}`),
                },
                { vpcId: [vpc.urn], routeTableIds: routeTables.map(table => table.urn) },
            ),
        );
    }
    return resources;
}

/** Strings that identify a modelled resource in other resources' inputs (mocked ids). */
function identifiers(resource: CapturedResource, componentName: string): string[] {
    const subnetId = mockIds.get(resource.urn);
    if (subnetId !== undefined) {
        return [subnetId];
    }
    return resource.type === "aws:ec2/vpc:Vpc" ? [`vpc-${componentName}`] : [];
}

function mentions(value: unknown, needle: string): boolean {
    if (typeof value === "string") {
        return value === needle;
    }
    if (Array.isArray(value)) {
        return value.some(item => mentions(item, needle));
    }
    return typeof value === "object" && value !== null && Object.values(value).some(item => mentions(item, needle));
}

/**
 * Expands every awsx VPC and re-points dependencies on it to the children whose ids the
 * dependent property actually carries, as the engine's output dependencies would.
 */
export function withAwsxChildren(resources: CapturedResource[]): CapturedResource[] {
    const expanded = resources.filter(r => r.type === "awsx:ec2:Vpc").map(vpc => ({ vpc, children: expandAwsxVpc(vpc) }));
    if (expanded.length === 0) {
        return resources;
    }
    const rewired = resources.map(resource => {
        const propertyDependencies = { ...resource.propertyDependencies };
        for (const [property, urns] of Object.entries(propertyDependencies)) {
            for (const { vpc, children } of expanded) {
                if (!urns.includes(vpc.urn)) {
                    continue;
                }
                const referenced = children.filter(c => identifiers(c, vpc.name).some(id => mentions(resource.inputs[property], id)));
                propertyDependencies[property] = [...new Set([...propertyDependencies[property], ...referenced.map(c => c.urn)])];
            }
        }
        return {
            ...resource,
            propertyDependencies,
            dependencies: [...new Set([...resource.dependencies, ...Object.values(propertyDependencies).flat()])],
        };
    });
    return [...rewired, ...expanded.flatMap(e => e.children)];
}
