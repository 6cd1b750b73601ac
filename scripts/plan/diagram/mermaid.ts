// The diagram as Mermaid flowchart text: the same nesting as the SVG (VPC, zones, components).
import { groupNodes, ZoneGroup } from "./layout";
import { Diagram } from "./model";

const text = (value: string) => `"${value.replace(/"/g, "#quot;")}"`;

function zoneBlock(group: ZoneGroup, indent: string): string[] {
    const lines = [`${indent}subgraph ${group.id}[${text(group.label)}]`];
    for (const component of group.components) {
        lines.push(`${indent}  subgraph ${component.id}[${text(component.component)}]`);
        for (const node of component.nodes) {
            lines.push(`${indent}    ${node.id}[${text(node.label)}]`);
        }
        lines.push(`${indent}  end`);
    }
    lines.push(`${indent}end`);
    return lines;
}

export function toMermaid(diagram: Diagram): string {
    const groups = groupNodes(diagram);
    const lines = ["---", `title: ${diagram.title}`, "---", "flowchart LR"];
    for (const group of groups.filter(g => g.zone === "entry")) {
        lines.push(...zoneBlock(group, "  "));
    }
    const vpcGroups = groups.filter(group => group.inVpc);
    if (vpcGroups.length > 0) {
        lines.push('  subgraph vpc["VPC"]');
        for (const group of vpcGroups) {
            lines.push(...zoneBlock(group, "    "));
        }
        lines.push("  end");
    }
    for (const group of groups.filter(g => g.zone === "regional")) {
        lines.push(...zoneBlock(group, "  "));
    }
    for (const edge of diagram.edges) {
        lines.push(`  ${edge.from} -->${edge.label ? `|${text(edge.label)}|` : ""} ${edge.to}`);
    }
    return lines.join("\n") + "\n";
}
