// The BatchWarehouse state machines of the resource graph, one per source, with what a local run
// needs: the source's config, the local names of its crawler, job, runner, topic and buckets. Found
// through each machine's own definition (the job, crawler, topic it names), so any number of
// sources, one machine each, are found alike.
import { states } from "../../../components/batch-warehouse/state-names";
import type { SourceConfig } from "../../../functions/batch-warehouse/source-config";
import { GraphResource, ofType, pipelineOf, ResourceGraph } from "../graph";
import { localName, Replacements } from "../local-names";

export interface WarehouseMachine {
    /** The state machine's resource name (what the status page and the CLI name it by). */
    name: string;
    pipeline: string;
    /** URNs of the machine, its Glue job and crawler: what the sandbox runs for them. */
    urns: string[];
    /** The machine's deployed ARN (what a schedule's target names). */
    deployedArn: string;
    source: SourceConfig;
    crawlerName: string;
    jobName: string;
    runnerFunctionArn: string;
    /** Local name of the run-notification topic (created in moto when a run starts). */
    topicName: string;
    jobTimeoutSeconds: number;
    raw: { bucket: string; prefix: string };
    processed: { bucket: string; prefix: string };
    rejected: { bucket: string; prefix: string };
}

type Definition = { States: Record<string, { Parameters?: Record<string, unknown> }> };

function parameter(definition: Definition, state: string, key: string): string {
    const value = definition.States[state]?.Parameters?.[key];
    if (typeof value !== "string") {
        throw new Error(`state "${state}" has no ${key}`);
    }
    return value;
}

/** s3://bucket/prefix with the deployed bucket name replaced by its local one. */
function localLocation(uri: unknown, replacements: Replacements): { bucket: string; prefix: string } {
    const match = /^s3:\/\/([^/]+)\/(.*)$/.exec(String(uri));
    if (!match) {
        throw new Error(`not an s3:// location: ${String(uri)}`);
    }
    const bucket = replacements.lookup(match[1]);
    if (!bucket) {
        throw new Error(`bucket ${match[1]} has no local stand-in`);
    }
    const prefix = match[2].replace(/\/?$/, "/");
    return { bucket, prefix };
}

function byName(graph: ResourceGraph, type: string, name: string): GraphResource {
    const found = ofType(graph, type).find(r => r.inputs.name === name || r.outputs.name === name);
    if (!found) {
        throw new Error(`no ${type} named ${name}`);
    }
    return found;
}

function isWarehouseMachine(graph: ResourceGraph, machine: GraphResource): boolean {
    return pipelineOf(graph, machine)?.type === "dataplatform:pipeline:BatchWarehouse";
}

export function warehouseMachines(graph: ResourceGraph, replacements: Replacements): WarehouseMachine[] {
    return ofType(graph, "aws:sfn/stateMachine:StateMachine")
        .filter(machine => isWarehouseMachine(graph, machine))
        .map(machine => {
            const definition = JSON.parse(String(machine.inputs.definition)) as Definition;
            const job = byName(graph, "aws:glue/job:Job", parameter(definition, states.runJob, "JobName"));
            const crawler = byName(graph, "aws:glue/crawler:Crawler", parameter(definition, states.startCrawler, "Name"));
            const topicArn = parameter(definition, states.notifyFailure, "TopicArn");
            const topic = ofType(graph, "aws:sns/topic:Topic").find(t => t.outputs.arn === topicArn);
            if (!topic) {
                throw new Error(`${machine.name}: no topic ${topicArn}`);
            }
            const args = job.inputs.defaultArguments as Record<string, string>;
            const stack = graph.config.stack;
            return {
                name: machine.name,
                pipeline: pipelineOf(graph, machine)?.name ?? machine.name,
                urns: [machine.urn, job.urn, crawler.urn],
                deployedArn: String(machine.outputs.arn),
                source: JSON.parse(args["--source_config"]) as SourceConfig,
                crawlerName: localName(stack, crawler.name),
                jobName: localName(stack, job.name),
                runnerFunctionArn: parameter(definition, states.startLoad, "FunctionName"),
                topicName: localName(stack, topic.name),
                jobTimeoutSeconds: Number(job.inputs.timeout ?? 60) * 60 + 300,
                raw: localLocation(args["--raw_path"], replacements),
                processed: localLocation(args["--processed_root"], replacements),
                rejected: localLocation(args["--rejected_root"], replacements),
            };
        });
}
