// The diagram as Graphviz DOT: nested clusters for the VPC, its zones and the components in each.
import { groupNodes, ZoneGroup } from "./layout";
import { Diagram, NodeKind } from "./model";

const fill: Record<NodeKind, string> = {
    function: "#fde7c8",
    compute: "#fde7c8",
    store: "#d6e6fb",
    trigger: "#d9f2dc",
    network: "#e6e6e6",
};
const componentColours = ["#7a4fb5", "#1f77b4", "#2ca02c", "#d62728", "#8c564b", "#e377c2", "#17becf", "#bcbd22"];

const quote = (text: string) => `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;

function zoneCluster(group: ZoneGroup, colourOf: (component: string) => string, indent: string): string[] {
    const lines = [`${indent}subgraph cluster_${group.id} {`, `${indent}  label=${quote(group.label)}; style="dashed"; color="#888888";`];
    for (const component of group.components) {
        lines.push(`${indent}  subgraph cluster_${component.id} {`);
        lines.push(
            `${indent}    label=${quote(component.component)}; style="rounded"; color=${quote(colourOf(component.component))}; fontcolor=${quote(colourOf(component.component))};`,
        );
        for (const node of component.nodes) {
            lines.push(`${indent}    ${node.id} [label=${quote(node.label)}, fillcolor=${quote(fill[node.kind])}];`);
        }
        lines.push(`${indent}  }`);
    }
    lines.push(`${indent}}`);
    return lines;
}

export function toDot(diagram: Diagram): string {
    const groups = groupNodes(diagram);
    const components = [...new Set(diagram.nodes.map(node => node.component))].sort();
    const colourOf = (component: string) => componentColours[components.indexOf(component) % componentColours.length];
    const lines = [
        "digraph architecture {",
        `  graph [rankdir=LR, fontname="Helvetica", fontsize=12, label=${quote(diagram.title)}, labelloc=t, newrank=true, nodesep=0.25, ranksep=0.6];`,
        '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10, color="#555555"];',
        '  edge [fontname="Helvetica", fontsize=8, color="#555555"];',
    ];
    for (const group of groups.filter(g => g.zone === "entry")) {
        lines.push(...zoneCluster(group, colourOf, "  "));
    }
    const vpcGroups = groups.filter(group => group.inVpc);
    if (vpcGroups.length > 0) {
        lines.push("  subgraph cluster_vpc {", '    label="VPC"; style="filled"; fillcolor="#f7f7f7"; color="#444444";');
        for (const group of vpcGroups) {
            lines.push(...zoneCluster(group, colourOf, "    "));
        }
        lines.push("  }");
    }
    for (const group of groups.filter(g => g.zone === "regional")) {
        lines.push(...zoneCluster(group, colourOf, "  "));
    }
    for (const edge of diagram.edges) {
        lines.push(`  ${edge.from} -> ${edge.to}${edge.label ? ` [label=${quote(edge.label)}]` : ""};`);
    }
    lines.push("}");
    return lines.join("\n") + "\n";
}
