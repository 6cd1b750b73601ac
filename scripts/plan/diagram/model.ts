// The architecture as nodes and edges, read from the plan graph: functions, stores, triggers and
// network pieces, each in its component and VPC zone; arrows for what invokes what and what each
// function (job, workflow, delivery stream) reaches. Sorted, so the same plan gives the same picture.
import { CapturedResource } from "../capture";
import { functionType, storesOf, storeTypes, triggers } from "../flows";
import { PlanGraph, Tier } from "../plan-graph";

export type NodeKind = "function" | "store" | "trigger" | "compute" | "network";
export type Zone = Tier | "entry" | "regional";

export interface DiagramNode {
    id: string;
    label: string;
    kind: NodeKind;
    /** Name of the top-level component, e.g. `shop`; `stack` for resources directly under the stack. */
    component: string;
    zone: Zone;
    urn: string;
}

export interface DiagramEdge {
    from: string;
    to: string;
    label: string;
}

export interface Diagram {
    title: string;
    nodes: DiagramNode[];
    edges: DiagramEdge[];
}

/** Compute that acts on stores with its own role (drawn like functions, with their stores). */
const computeTypes = ["aws:glue/job:Job", "aws:glue/crawler:Crawler", "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream"];
const shortKind: Record<string, string> = {
    "aws:lambda/function:Function": "λ",
    "aws:s3/bucket:Bucket": "S3",
    "aws:dynamodb/table:Table": "DynamoDB",
    "aws:rds/instance:Instance": "RDS",
    "aws:opensearch/domain:Domain": "OpenSearch",
    "aws:elasticache/replicationGroup:ReplicationGroup": "Redis",
    "aws:secretsmanager/secret:Secret": "secret",
    "aws:kinesis/stream:Stream": "Kinesis",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream": "Firehose",
    "aws:sns/topic:Topic": "SNS",
    "aws:sfn/stateMachine:StateMachine": "Step Functions",
    "aws:glue/job:Job": "Glue job",
    "aws:glue/crawler:Crawler": "Glue crawler",
    "aws:redshiftserverless/workgroup:Workgroup": "Redshift",
    "aws:redshiftserverless/namespace:Namespace": "Redshift namespace",
    "aws:glue/catalogDatabase:CatalogDatabase": "Glue catalog",
    "aws:cloudwatch/eventRule:EventRule": "schedule",
    "aws:ec2/vpcEndpoint:VpcEndpoint": "endpoint",
    "aws:ec2/natGateway:NatGateway": "NAT",
};

function kindOf(resource: CapturedResource): NodeKind | undefined {
    if (resource.type === functionType) return "function";
    if (computeTypes.includes(resource.type)) return "compute";
    if (storeTypes.includes(resource.type)) return "store";
    if (resource.type === "aws:ec2/vpcEndpoint:VpcEndpoint") return resource.inputs.vpcEndpointType === "Interface" ? "network" : undefined;
    if (resource.type === "aws:ec2/natGateway:NatGateway") return "network";
    return undefined;
}

function nodeId(resource: CapturedResource): string {
    return `${resource.type.split(":").pop()}_${resource.name}`.replace(/[^A-Za-z0-9_]/g, "_");
}

function componentName(graph: PlanGraph, resource: CapturedResource): string {
    return graph.topComponent(resource)?.name ?? "stack";
}

export function buildDiagram(resources: CapturedResource[], title: string): Diagram {
    const graph = new PlanGraph(resources);
    const nodes = new Map<string, DiagramNode>();
    const add = (resource: CapturedResource, kind: NodeKind, label?: string, zone?: Zone) => {
        const id = nodeId(resource);
        if (!nodes.has(id)) {
            const name = label ?? `${shortKind[resource.type] ?? resource.type.split(":").pop()} ${resource.name}`;
            nodes.set(id, {
                id,
                label: name,
                kind,
                component: componentName(graph, resource),
                zone: zone ?? graph.tier(resource) ?? "regional",
                urn: resource.urn,
            });
        }
        return id;
    };
    for (const resource of resources) {
        const kind = kindOf(resource);
        if (kind !== undefined) {
            add(
                resource,
                kind,
                kind === "network" && resource.type.endsWith("VpcEndpoint")
                    ? `endpoint ${String(resource.inputs.serviceName).split(".").pop()}`
                    : undefined,
            );
        }
    }
    const edges: DiagramEdge[] = [];
    for (const trigger of triggers(graph)) {
        const sourceKind: NodeKind =
            trigger.kind === "schedule" || trigger.kind === "api" ? "trigger" : (kindOf(trigger.source) ?? "store");
        const entry = sourceKind === "trigger";
        const label = trigger.kind === "api" ? trigger.label : trigger.kind === "schedule" ? `schedule ${trigger.label}` : undefined;
        const from = add(trigger.source, sourceKind, label, entry ? "entry" : undefined);
        edges.push({ from, to: add(trigger.target, "function"), label: entry ? "" : trigger.label });
    }
    const all = triggers(graph);
    for (const actor of graph.ofType(functionType, ...computeTypes)) {
        const triggeredBy = new Set(all.filter(t => t.target.urn === actor.urn).map(t => t.source.urn));
        for (const store of storesOf(graph, actor).filter(s => !triggeredBy.has(s.urn))) {
            edges.push({ from: add(actor, kindOf(actor) ?? "compute"), to: add(store, kindOf(store) ?? "store"), label: "" });
        }
        for (const source of graph.dependencies(actor, "kinesisSourceConfiguration")) {
            edges.push({ from: add(source, "store"), to: add(actor, "compute"), label: "reads" });
        }
    }
    const unique = new Map(edges.map(edge => [`${edge.from}>${edge.to}`, edge]));
    return {
        title,
        nodes: [...nodes.values()].sort((a, b) => a.id.localeCompare(b.id)),
        edges: [...unique.values()].sort((a, b) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`)),
    };
}
