// Lambda (requests, GB-seconds by architecture, traces), REST API requests, Step Functions
// transitions, Glue job and crawler DPU-hours.
import { stateMachineRuns } from "../invocations";
import { Estimator, line, monthDays, numberInput, objectInput } from "../model";

export const lambdaFunction: Estimator = (resource, context) => {
    const invocations = context.invocations.get(resource.urn) ?? 0;
    const memoryMb = numberInput(resource, "memorySize", 128);
    const architecture = String(((resource.inputs.architectures as string[] | undefined) ?? ["x86_64"])[0]);
    const gbSeconds = invocations * (context.usage.costLambdaDurationMs / 1000) * (memoryMb / 1024);
    const lines = [
        line(context, "lambda.requests.million", invocations / 1e6, `${Math.round(invocations)} invocations`, "usage"),
        line(
            context,
            `lambda.${architecture}.gbSecond`,
            gbSeconds,
            `${memoryMb} MB for ${context.usage.costLambdaDurationMs} ms each`,
            "usage",
        ),
    ];
    if (objectInput(resource, "tracingConfig").mode === "Active") {
        lines.push(line(context, "xray.traces.million", invocations / 1e6, "X-Ray traces (one per invocation)", "usage"));
    }
    return lines;
};

export const restApi: Estimator = (_resource, context) => [
    line(context, "apigateway.rest.requestsMillion", context.usage.costApiRequestsPerMonth / 1e6, "REST API requests", "usage"),
];

/** States a definition names (each run passes through each at least once: a lower bound). */
function stateCount(definition: unknown): number {
    try {
        const parsed = (typeof definition === "string" ? JSON.parse(definition) : definition) as { States?: Record<string, unknown> };
        return Math.max(1, Object.keys(parsed.States ?? {}).length);
    } catch {
        return 1;
    }
}

export const stateMachine: Estimator = (resource, context) => {
    const type = String(resource.inputs.type ?? "STANDARD");
    const runs = stateMachineRuns(context.graph, resource.urn, context.usage, monthDays(context));
    const transitions = runs * stateCount(resource.inputs.definition);
    const key = type === "STANDARD" ? "stepfunctions.standard.transitionThousand" : `stepfunctions.${type.toLowerCase()}.requestsMillion`;
    return [line(context, key, transitions / 1000, `${Math.round(runs)} runs x ${stateCount(resource.inputs.definition)} states`, "usage")];
};

const dpuPerWorker: Record<string, number> = { "G.025X": 0.25, "G.1X": 1, "G.2X": 2, "G.4X": 4, "G.8X": 8, Standard: 1 };

export const glueJob: Estimator = (resource, context) => {
    const workerType = String(resource.inputs.workerType ?? "");
    const workers = numberInput(resource, "numberOfWorkers", 0);
    const dpus =
        workers > 0 && dpuPerWorker[workerType] !== undefined
            ? workers * dpuPerWorker[workerType]
            : numberInput(resource, "maxCapacity", 10);
    const runs = context.usage.costGlueRunsPerDay * monthDays(context);
    const minutes = Math.max(1, context.usage.costGlueRunMinutes);
    return [
        line(context, "glue.job.dpuHour", (runs * dpus * minutes) / 60, `${Math.round(runs)} runs x ${dpus} DPU x ${minutes} min`, "usage"),
    ];
};

/** AWS's crawler pricing example uses 2 DPUs; a run is billed at least 10 minutes. */
const crawlerDpus = 2;
const crawlerMinimumMinutes = 10;

export const glueCrawler: Estimator = (_resource, context) => {
    const runs = context.usage.costCrawlerRunsPerDay * monthDays(context);
    return [
        line(
            context,
            "glue.crawler.dpuHour",
            (runs * crawlerDpus * crawlerMinimumMinutes) / 60,
            `${Math.round(runs)} runs x ${crawlerDpus} DPU x ${crawlerMinimumMinutes} min (minimum)`,
            "usage",
        ),
    ];
};
