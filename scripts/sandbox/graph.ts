// The program's resource graph as the sandbox needs it: every registration (type, name, parent,
// inputs, dependencies) from the offline plan's capture, the outputs the mocks answered with, and
// the raw code archive of each function (the plan's capture reduces archives to "<asset>").
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { CapturedResource, plainValue, startCapture } from "../plan/capture";
import { PlatformMocks } from "../plan/mocks";
import { loadStackConfig, StackConfig } from "../plan/stack-config";

export const projectDir = path.resolve(__dirname, "..", "..");

/** A wire-format archive as the engine receives it (see @pulumi/pulumi runtime/rpc). */
export type WireArchive = Record<string, unknown>;

export interface GraphResource extends CapturedResource {
    /** What the mocks answered: inputs plus invented ids, ARNs, endpoints. */
    outputs: Record<string, unknown>;
}

export interface ResourceGraph {
    config: StackConfig;
    resources: GraphResource[];
    /** Raw `code` archive of each function resource, by URN. */
    archives: Map<string, WireArchive>;
    /** Every id, ARN and URL the mocks invented. */
    computedValues: string[];
}

/** Mocks that also remember each answer, by type and name. */
class RecordingMocks extends PlatformMocks {
    public readonly answers = new Map<string, Record<string, unknown>>();
    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const result = super.newResource(args);
        const state = plainValue(result.state) as Record<string, unknown>;
        this.answers.set(`${args.type}::${args.name}`, { ...state, id: result.id });
        return result;
    }
}

interface RawRequest {
    getType(): string;
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}
interface RawResponse {
    getUrn(): string;
}
interface Monitor {
    registerResource(request: RawRequest, callback: (error: Error | null, response?: RawResponse) => void): void;
}

/** Runs the program of `stack` under mocks and returns its graph. */
export async function loadGraph(stack: string, programPath = path.join(projectDir, "index.ts")): Promise<ResourceGraph> {
    const config = loadStackConfig(projectDir, stack);
    const mocks = new RecordingMocks();
    const capture = await startCapture(config, mocks);
    const archives = new Map<string, WireArchive>();
    const monitor = pulumi.runtime.getMonitor() as unknown as Monitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) =>
        register(request, (error, response) => {
            const code = request.getObject()?.toJavaScript().code;
            if (!error && response && request.getType() === "aws:lambda/function:Function" && typeof code === "object" && code) {
                archives.set(response.getUrn(), code as WireArchive);
            }
            callback(error, response);
        });
    await pulumi.runtime.runInPulumiStack(async () => require(programPath));
    const captured = await capture.finish();
    const resources = captured.resources.map(r => ({ ...r, outputs: mocks.answers.get(`${r.type}::${r.name}`) ?? r.inputs }));
    return { config, resources, archives, computedValues: captured.computedValues };
}

/** The resource of `type` one of whose outputs is `value` (an id, ARN, name, URL a reference carries). */
export function findByOutput(graph: ResourceGraph, type: string, value: unknown): GraphResource | undefined {
    if (typeof value !== "string" || value === "") {
        return undefined;
    }
    return graph.resources.find(r => r.type === type && Object.values(r.outputs).includes(value));
}

export function ofType(graph: ResourceGraph, type: string): GraphResource[] {
    return graph.resources.filter(r => r.type === type);
}

/** The top-level component a resource belongs to (its pipeline), or undefined for stack-level ones. */
export function pipelineOf(graph: ResourceGraph, resource: GraphResource): GraphResource | undefined {
    const byUrn = new Map(graph.resources.map(r => [r.urn, r]));
    let current: GraphResource | undefined = resource;
    while (current?.parent && byUrn.get(current.parent)?.type !== "pulumi:pulumi:Stack") {
        current = byUrn.get(current.parent);
    }
    return current === resource && !resource.parent ? undefined : current;
}
