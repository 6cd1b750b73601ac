// Data flows read from the plan graph: what invokes each function (schedule, API route, bucket
// notification, stream mapping, state machine) and which stores each function reaches, as its
// permissions and environment name them. Both the cost estimate and the diagram use them.
import { CapturedResource } from "./capture";
import { PlanGraph } from "./plan-graph";

export const functionType = "aws:lambda/function:Function";

export type TriggerKind = "schedule" | "api" | "notification" | "stream" | "workflow";

export interface Trigger {
    kind: TriggerKind;
    /** What starts the flow: the schedule rule, the API route's resource, the bucket, the stream or table, the state machine. */
    source: CapturedResource;
    target: CapturedResource;
    /** The resource that wires them: event target, integration, notification, mapping; the state machine itself. */
    via: CapturedResource;
    /** e.g. `rate(5 minutes)`, `GET /search`, `s3:ObjectCreated:* data/*.csv`, `batch 100`. */
    label: string;
}

/** Types a function's permissions or environment may name that the diagram draws as stores. */
export const storeTypes = [
    "aws:s3/bucket:Bucket",
    "aws:dynamodb/table:Table",
    "aws:rds/instance:Instance",
    "aws:rds/cluster:Cluster",
    "aws:opensearch/domain:Domain",
    "aws:elasticache/replicationGroup:ReplicationGroup",
    "aws:secretsmanager/secret:Secret",
    "aws:kinesis/stream:Stream",
    "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
    "aws:sns/topic:Topic",
    "aws:redshiftserverless/workgroup:Workgroup",
    "aws:redshiftserverless/namespace:Namespace",
    "aws:glue/catalogDatabase:CatalogDatabase",
    "aws:sfn/stateMachine:StateMachine",
];

function scheduleTriggers(graph: PlanGraph): Trigger[] {
    return graph.ofType("aws:cloudwatch/eventTarget:EventTarget").flatMap(target => {
        const rule = graph.dependency(target, "rule", "aws:cloudwatch/eventRule:EventRule");
        const fn = graph.dependency(target, "arn", functionType);
        if (rule === undefined || fn === undefined) {
            return [];
        }
        const label = String(rule.inputs.scheduleExpression ?? rule.inputs.eventPattern ?? "event rule");
        return [{ kind: "schedule" as const, source: rule, target: fn, via: target, label }];
    });
}

function apiTriggers(graph: PlanGraph): Trigger[] {
    return graph.ofType("aws:apigateway/integration:Integration").flatMap(integration => {
        const fn = graph.dependency(integration, "uri", functionType);
        const route = graph.dependency(integration, "resourceId", "aws:apigateway/resource:Resource");
        if (fn === undefined || route === undefined) {
            return [];
        }
        const method = graph.dependency(integration, "httpMethod", "aws:apigateway/method:Method");
        const verb = String(method?.inputs.httpMethod ?? integration.inputs.httpMethod ?? "ANY");
        return [
            { kind: "api" as const, source: route, target: fn, via: integration, label: `${verb} /${String(route.inputs.pathPart ?? "")}` },
        ];
    });
}

function notificationTriggers(graph: PlanGraph): Trigger[] {
    return graph.ofType("aws:s3/bucketNotification:BucketNotification").flatMap(notification => {
        const bucket = graph.dependency(notification, "bucket", "aws:s3/bucket:Bucket");
        const configs = (notification.inputs.lambdaFunctions as Record<string, unknown>[] | undefined) ?? [];
        const functions = graph.dependencies(notification, "lambdaFunctions").filter(r => r.type === functionType);
        if (bucket === undefined) {
            return [];
        }
        return functions.map((fn, index) => {
            const config = configs[index] ?? {};
            const events = ((config.events as string[] | undefined) ?? []).join(",");
            const filter = `${String(config.filterPrefix ?? "")}*${String(config.filterSuffix ?? "")}`;
            return { kind: "notification" as const, source: bucket, target: fn, via: notification, label: `${events} ${filter}`.trim() };
        });
    });
}

function streamTriggers(graph: PlanGraph): Trigger[] {
    return graph.ofType("aws:lambda/eventSourceMapping:EventSourceMapping").flatMap(mapping => {
        const source = graph.dependencies(mapping, "eventSourceArn")[0];
        const fn = graph.dependency(mapping, "functionName", functionType);
        if (source === undefined || fn === undefined) {
            return [];
        }
        return [
            {
                kind: "stream" as const,
                source,
                target: fn,
                via: mapping,
                label: `stream, batch ${String(mapping.inputs.batchSize ?? 100)}`,
            },
        ];
    });
}

function workflowTriggers(graph: PlanGraph): Trigger[] {
    return graph.ofType("aws:sfn/stateMachine:StateMachine").flatMap(machine =>
        graph
            .dependencies(machine, "definition")
            .filter(r => r.type === functionType)
            .map(fn => ({ kind: "workflow" as const, source: machine, target: fn, via: machine, label: "task" })),
    );
}

/** Every flow that invokes a function, in a stable order. */
export function triggers(graph: PlanGraph): Trigger[] {
    return [
        ...scheduleTriggers(graph),
        ...apiTriggers(graph),
        ...notificationTriggers(graph),
        ...streamTriggers(graph),
        ...workflowTriggers(graph),
    ];
}

/** The stores a function (or job, crawler, workflow) reaches: what its role's policies and its environment are built from. */
export function storesOf(graph: PlanGraph, fn: CapturedResource): CapturedResource[] {
    const role = ["role", "roleArn"].map(property => graph.dependency(fn, property, "aws:iam/role:Role")).find(r => r !== undefined);
    const policies = role
        ? graph.ofType("aws:iam/rolePolicy:RolePolicy").filter(policy => (policy.propertyDependencies.role ?? []).includes(role.urn))
        : [];
    const named = [...policies.flatMap(policy => graph.dependencies(policy, "policy")), ...graph.dependencies(fn, "environment")];
    const stores = new Map<string, CapturedResource>();
    for (const resource of named) {
        if (resource.urn !== fn.urn && storeTypes.includes(resource.type)) {
            stores.set(resource.urn, resource);
        }
    }
    return [...stores.values()];
}
