// Every trigger the graph declares: the kinds the sandbox emulates, and the resources that would
// invoke or orchestrate something it does not run (listed at start-up, never skipped silently).
import { ofType } from "../graph";
import { bucketNotifications } from "./bucket-notifications";
import { firehoseArchives } from "./firehose-archive";
import { restApis, ServedApi } from "./rest-api";
import { schedules } from "./schedules";
import { streamMappings } from "./stream-mappings";
import { NotEmulated, TriggerContext, TriggerSet } from "./trigger";
import { warehouseTriggers } from "../warehouse/runner";

/** Resource types that trigger or orchestrate work and have no emulation yet, with why. */
const notEmulatedTypes: Record<string, string> = {
    "aws:sfn/stateMachine:StateMachine": "Step Functions state machine (only BatchWarehouse's run locally)",
    "aws:glue/job:Job": "Glue job (Glue's runtime is not available locally)",
    "aws:glue/crawler:Crawler": "Glue crawler",
    "aws:glue/trigger:Trigger": "Glue trigger",
    "aws:scheduler/schedule:Schedule": "EventBridge Scheduler schedule",
    "aws:pipes/pipe:Pipe": "EventBridge pipe",
    "aws:lambda/functionUrl:FunctionUrl": "Lambda function URL",
    "aws:apigatewayv2/route:Route": "HTTP API route",
    "aws:sns/topicSubscription:TopicSubscription": "SNS subscription",
};

export interface AllTriggers extends TriggerSet {
    apis: ServedApi[];
}

export async function startTriggers(context: TriggerContext): Promise<AllTriggers> {
    const api = restApis(context);
    const parts: TriggerSet[] = [
        await bucketNotifications(context),
        await streamMappings(context),
        await schedules(context),
        await firehoseArchives(context),
        await warehouseTriggers(context),
        api,
    ];
    const emulated = new Set(parts.flatMap(p => p.emulates ?? []));
    const declared: NotEmulated[] = context.graph.resources
        .filter(r => notEmulatedTypes[r.type] && !emulated.has(r.urn))
        .map(r => ({ type: r.type, name: r.name, reason: notEmulatedTypes[r.type] }));
    for (const rule of ofType(context.graph, "aws:cloudwatch/eventRule:EventRule").filter(r => r.inputs.eventPattern)) {
        declared.push({ type: rule.type, name: rule.name, reason: "event pattern rule (only schedules are emulated)" });
    }
    return {
        triggers: parts.flatMap(p => p.triggers),
        notEmulated: [...parts.flatMap(p => p.notEmulated), ...declared],
        running: parts.flatMap(p => p.running),
        apis: api.apis,
    };
}
