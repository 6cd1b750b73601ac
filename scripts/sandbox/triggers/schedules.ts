// Schedule rules (rate and cron) with Lambda targets: each firing sends EventBridge's scheduled
// event to the function asynchronously. `--schedule-every <seconds>` overrides every interval.
import { randomUUID } from "crypto";
import type { ScheduledEvent } from "aws-lambda";
import { asyncPolicyOf, invokeAsync } from "../async-invoke";
import { functionFor, SandboxFunction } from "../functions";
import { findByOutput, GraphResource, ofType } from "../graph";
import { internetEgressTag } from "../../../components/sources/rest-api-source";
import { nextDelayMs } from "./schedule-expression";
import { TriggerContext, TriggerSet } from "./trigger";

export interface ScheduleRunner {
    rule: string;
    /** Fires the rule now (the status page and the demo use it). */
    fire(): Promise<boolean>;
}

export const scheduleRunners = new Map<string, ScheduleRunner>();

function scheduledEvent(rule: GraphResource, region: string): ScheduledEvent {
    return {
        version: "0",
        id: randomUUID(),
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: "123456789012",
        time: new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
        region,
        resources: [String(rule.outputs.arn)],
        detail: {},
    };
}

export async function schedules(context: TriggerContext): Promise<TriggerSet> {
    const set: TriggerSet = { triggers: [], notEmulated: [], running: [] };
    for (const target of ofType(context.graph, "aws:cloudwatch/eventTarget:EventTarget")) {
        const rule = findByOutput(context.graph, "aws:cloudwatch/eventRule:EventRule", target.inputs.rule);
        const fn: SandboxFunction | undefined = functionFor(context.functions, target.inputs.arn);
        const expression = rule?.inputs.scheduleExpression;
        if (!rule || !fn || typeof expression !== "string") {
            set.notEmulated.push({ type: target.type, name: target.name, reason: "not a schedule rule targeting a function" });
            continue;
        }
        if (rule.inputs.state === "DISABLED") {
            continue;
        }
        if ((fn.resource.inputs.tags as Record<string, string> | undefined)?.[internetEgressTag] === "internet") {
            set.notEmulated.push({
                type: rule.type,
                name: rule.name,
                reason: `${fn.name} calls an API on the internet; the sandbox sends nothing off this machine`,
            });
            continue;
        }
        const policy = asyncPolicyOf(context.graph, fn, context.replacements);
        const fire = () =>
            invokeAsync(fn, policy, scheduledEvent(rule, context.aws.settings.region), `schedule ${expression}`, context.aws, context.log);
        scheduleRunners.set(rule.name, { rule: rule.name, fire });
        const every = context.scheduleEverySeconds;
        set.triggers.push({
            kind: "schedule",
            function: fn.name,
            pipeline: fn.pipeline,
            description: `rule ${rule.name}: ${expression}${every ? ` (sandbox: every ${every}s)` : ""}`,
        });
        let timer: NodeJS.Timeout | undefined;
        const arm = () => {
            timer = setTimeout(
                () => {
                    void fire();
                    arm();
                },
                every ? every * 1000 : nextDelayMs(expression),
            );
        };
        arm();
        set.running.push({ stop: () => clearTimeout(timer) });
    }
    return set;
}
