// Every function resource of the graph as a local container: its code (function-code.ts), its own
// environment with deployed values replaced by local ones, the SDK pointed at moto and the local CA
// trusted (ElastiCache and RDS certificates are publicly trusted; the local ones are not).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { ServiceSettings } from "../../test/support/services";
import { motoVariables } from "./aws-local";
import { prepareFunctionCode } from "./function-code";
import { FunctionContainer } from "./function-process";
import { GraphResource, ofType, pipelineOf, ResourceGraph } from "./graph";
import { Replacements } from "./local-names";

export interface SandboxFunction {
    resource: GraphResource;
    /** The deployed function name (what triggers reference). */
    name: string;
    pipeline: string;
    container: FunctionContainer;
    environment: Record<string, string>;
    /** Variables still holding a deployed value nothing local stands for. */
    unmapped: string[];
    /** Files of the function's code archive. */
    files: string[];
}

function localOverrides(services: ServiceSettings): Record<string, string> {
    return {
        ...motoVariables(services.moto),
        NODE_EXTRA_CA_CERTS: services.redis.caFile,
        DB_CA_BUNDLE_FILE: services.postgres.caFile,
    };
}

/** The Node major a function's runtime names (`nodejs24.x` gives 24), if it is a Node runtime. */
export function runtimeMajor(fn: GraphResource): string | undefined {
    return /^nodejs(\d+)\.x$/.exec(String(fn.inputs.runtime ?? ""))?.[1];
}

/**
 * `codeDir` must lie outside the project: the code may only find what its archive holds.
 */
export function createFunctions(
    graph: ResourceGraph,
    services: ServiceSettings,
    replacements: Replacements,
    stateDir: string,
    codeDir: string,
): SandboxFunction[] {
    const logDir = path.join(stateDir, "logs");
    fs.mkdirSync(logDir, { recursive: true });
    const computed = graph.computedValues.filter(value => value.length > 6);
    return ofType(graph, "aws:lambda/function:Function").map(resource => {
        const code = prepareFunctionCode(graph, resource, codeDir);
        const deployed = (resource.inputs.environment as { variables?: Record<string, string> } | undefined)?.variables ?? {};
        const own = replacements.environment(deployed);
        const unmapped = Object.entries(own)
            .filter(([name, value]) => value === deployed[name] && computed.some(c => value.includes(c)))
            .map(([name]) => name);
        const name = String(resource.outputs.name ?? resource.name);
        const environment = {
            PATH: process.env.PATH ?? "",
            HOME: os.tmpdir(),
            TZ: "UTC",
            AWS_LAMBDA_FUNCTION_NAME: name,
            AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(resource.inputs.memorySize ?? 128),
            AWS_LAMBDA_FUNCTION_VERSION: "$LATEST",
            ...own,
            ...localOverrides(services),
        };
        const log = fs.createWriteStream(path.join(logDir, `${resource.name}.log`), { flags: "a" });
        const timeoutMs = Number(resource.inputs.timeout ?? 3) * 1000;
        const container = new FunctionContainer(name, code, environment, timeoutMs, line => log.write(`${line}\n`));
        const pipeline = pipelineOf(graph, resource)?.name ?? "(stack)";
        return { resource, name, pipeline, container, environment, unmapped, files: code.files };
    });
}

/** The function a reference (ARN, name or invoke ARN) points at. */
export function functionFor(functions: SandboxFunction[], reference: unknown): SandboxFunction | undefined {
    const value = String(reference ?? "");
    return functions.find(
        fn =>
            [fn.resource.outputs.arn, fn.resource.outputs.name, fn.resource.outputs.invokeArn].includes(value) ||
            (typeof fn.resource.outputs.arn === "string" && value.includes(`${fn.resource.outputs.arn}/`)),
    );
}
