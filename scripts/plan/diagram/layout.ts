// Nodes grouped for drawing: VPC zones (private, isolated, public) inside the VPC, regional
// services outside it, and in each zone one group per component.
import { Diagram, DiagramNode, Zone } from "./model";

export interface ComponentGroup {
    id: string;
    component: string;
    nodes: DiagramNode[];
}

export interface ZoneGroup {
    zone: Zone;
    id: string;
    label: string;
    inVpc: boolean;
    components: ComponentGroup[];
}

const zoneLabels: Record<Zone, string> = {
    entry: "entry points (API routes, schedules)",
    private: "private subnets (functions, endpoints)",
    isolated: "isolated subnets (data stores, no route out)",
    public: "public subnets (NAT)",
    regional: "regional services (outside the VPC)",
};
const zoneOrder: Zone[] = ["entry", "private", "isolated", "public", "regional"];

export function groupNodes(diagram: Diagram): ZoneGroup[] {
    return zoneOrder
        .map(zone => {
            const inZone = diagram.nodes.filter(node => node.zone === zone);
            const components = [...new Set(inZone.map(node => node.component))].sort().map(component => ({
                id: `${zone}_${component}`.replace(/[^A-Za-z0-9_]/g, "_"),
                component,
                nodes: inZone.filter(node => node.component === component),
            }));
            return { zone, id: zone, label: zoneLabels[zone], inVpc: zone !== "regional" && zone !== "entry", components };
        })
        .filter(group => group.components.length > 0);
}

/** Every component the diagram shows. */
export function componentsOf(diagram: Diagram): string[] {
    return [...new Set(diagram.nodes.map(node => node.component))].sort();
}
