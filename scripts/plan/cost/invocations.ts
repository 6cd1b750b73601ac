// Invocations per month of every function, from what triggers it in the plan and the usage
// assumptions: schedules fire at their rate, API routes share their API's requests, uploads and
// stream records arrive as assumed, and a state machine invokes each function it names once a run.
import { PlanGraph } from "../plan-graph";
import { Trigger, triggers } from "../flows";
import { runsPerMonth } from "./schedule";
import { UsageAssumptions } from "./usage";

/** Executions per month of a state machine: its schedule when the plan has one, else the assumption. */
export function stateMachineRuns(graph: PlanGraph, machineUrn: string, usage: UsageAssumptions, daysPerMonth: number): number {
    const scheduled = graph
        .ofType("aws:cloudwatch/eventTarget:EventTarget")
        .filter(target => (target.propertyDependencies.arn ?? []).includes(machineUrn))
        .map(target => graph.dependency(target, "rule", "aws:cloudwatch/eventRule:EventRule"))
        .map(rule => runsPerMonth(String(rule?.inputs.scheduleExpression ?? ""), daysPerMonth))
        .filter((runs): runs is number => runs !== undefined);
    return scheduled.length > 0 ? scheduled.reduce((a, b) => a + b, 0) : usage.costStateMachineRunsPerDay * daysPerMonth;
}

function perTrigger(graph: PlanGraph, trigger: Trigger, all: Trigger[], usage: UsageAssumptions, days: number): number {
    switch (trigger.kind) {
        case "schedule":
            return runsPerMonth(trigger.label, days) ?? 0;
        case "api": {
            const api = (trigger.via.propertyDependencies.restApi ?? [])[0];
            const routes = all.filter(t => t.kind === "api" && (t.via.propertyDependencies.restApi ?? [])[0] === api).length;
            return usage.costApiRequestsPerMonth / Math.max(1, routes);
        }
        case "notification":
            return usage.costObjectUploadsPerDay * days;
        case "stream": {
            const perDay = trigger.source.type === "aws:dynamodb/table:Table" ? usage.costTableWritesPerDay : usage.costStreamRecordsPerDay;
            return (perDay * days) / Math.max(1, Number(trigger.via.inputs.batchSize ?? 100));
        }
        case "workflow":
            return stateMachineRuns(graph, trigger.source.urn, usage, days);
    }
}

export function invocationsPerMonth(graph: PlanGraph, usage: UsageAssumptions, daysPerMonth: number): Map<string, number> {
    const all = triggers(graph);
    const result = new Map<string, number>();
    for (const trigger of all) {
        result.set(trigger.target.urn, (result.get(trigger.target.urn) ?? 0) + perTrigger(graph, trigger, all, usage, daysPerMonth));
    }
    return result;
}
