// REST APIs as their resources declare them: stage, resource tree, methods (API key, validated
// parameters), Lambda proxy integrations, usage plans with throttle and quota, and keys.
import { randomBytes } from "crypto";
import { functionFor, SandboxFunction } from "../functions";
import { GraphResource, ofType, ResourceGraph } from "../graph";
import { NotEmulated } from "./trigger";

export interface ApiRoute {
    /** e.g. `/search` or `/items/{id}`. */
    resourcePath: string;
    resourceId: string;
    httpMethod: string;
    apiKeyRequired: boolean;
    /** Parameters API Gateway checks when the method's validator validates parameters. */
    requiredQuery: string[];
    requiredHeaders: string[];
    fn: SandboxFunction;
}

export interface UsageLimits {
    rateLimit?: number;
    burstLimit?: number;
    quota?: { limit: number; period: string };
}

export interface ApiStage {
    api: GraphResource;
    stageName: string;
    routes: ApiRoute[];
    /** Local key values (generated at start) with the limits of their usage plan. */
    keys: Map<string, UsageLimits & { keyId: string }>;
}

function resourcePaths(graph: ResourceGraph, api: GraphResource): Map<string, string> {
    const resources = ofType(graph, "aws:apigateway/resource:Resource").filter(r => r.inputs.restApi === api.outputs.id);
    const paths = new Map<string, string>([[String(api.outputs.rootResourceId), "/"]]);
    const resolve = (id: string): string | undefined => {
        if (paths.has(id)) {
            return paths.get(id);
        }
        const resource = resources.find(r => r.outputs.id === id);
        const parent = resource ? resolve(String(resource.inputs.parentId)) : undefined;
        if (!resource || parent === undefined) {
            return undefined;
        }
        const path = `${parent === "/" ? "" : parent}/${String(resource.inputs.pathPart)}`;
        paths.set(id, path);
        return path;
    };
    resources.forEach(r => resolve(String(r.outputs.id)));
    return paths;
}

function required(parameters: Record<string, boolean>, location: string): string[] {
    const prefix = `method.request.${location}.`;
    return Object.entries(parameters)
        .filter(([name, isRequired]) => isRequired && name.startsWith(prefix))
        .map(([name]) => name.slice(prefix.length));
}

export function apiStages(graph: ResourceGraph, functions: SandboxFunction[], notEmulated: NotEmulated[]): ApiStage[] {
    const stages: ApiStage[] = [];
    for (const api of ofType(graph, "aws:apigateway/restApi:RestApi")) {
        const paths = resourcePaths(graph, api);
        const validators = ofType(graph, "aws:apigateway/requestValidator:RequestValidator");
        const routes: ApiRoute[] = [];
        for (const method of ofType(graph, "aws:apigateway/method:Method").filter(m => m.inputs.restApi === api.outputs.id)) {
            const integration = ofType(graph, "aws:apigateway/integration:Integration").find(
                i => i.inputs.resourceId === method.inputs.resourceId && i.inputs.httpMethod === method.inputs.httpMethod,
            );
            const fn = integration?.inputs.type === "AWS_PROXY" ? functionFor(functions, integration.inputs.uri) : undefined;
            const resourcePath = paths.get(String(method.inputs.resourceId));
            if (!fn || resourcePath === undefined) {
                notEmulated.push({
                    type: method.type,
                    name: method.name,
                    reason: `integration ${String(integration?.inputs.type)} is not a Lambda proxy`,
                });
                continue;
            }
            const validator = validators.find(v => v.outputs.id === method.inputs.requestValidatorId);
            const parameters = (method.inputs.requestParameters as Record<string, boolean> | undefined) ?? {};
            const validates = validator?.inputs.validateRequestParameters === true;
            routes.push({
                resourcePath,
                resourceId: String(method.inputs.resourceId),
                httpMethod: String(method.inputs.httpMethod),
                apiKeyRequired: method.inputs.apiKeyRequired === true,
                requiredQuery: validates ? required(parameters, "querystring") : [],
                requiredHeaders: validates ? required(parameters, "header") : [],
                fn,
            });
        }
        for (const stage of ofType(graph, "aws:apigateway/stage:Stage").filter(s => s.inputs.restApi === api.outputs.id)) {
            const stageName = String(stage.inputs.stageName);
            const keys = new Map<string, UsageLimits & { keyId: string }>();
            const plans = ofType(graph, "aws:apigateway/usagePlan:UsagePlan").filter(p =>
                ((p.inputs.apiStages as { apiId: string; stage: string }[] | undefined) ?? []).some(
                    s => s.apiId === api.outputs.id && s.stage === stageName,
                ),
            );
            for (const plan of plans) {
                const throttle = plan.inputs.throttleSettings as { rateLimit?: number; burstLimit?: number } | undefined;
                const quota = plan.inputs.quotaSettings as { limit: number; period: string } | undefined;
                for (const planKey of ofType(graph, "aws:apigateway/usagePlanKey:UsagePlanKey").filter(
                    k => k.inputs.usagePlanId === plan.outputs.id,
                )) {
                    const key = ofType(graph, "aws:apigateway/apiKey:ApiKey").find(k => k.outputs.id === planKey.inputs.keyId);
                    const value = typeof key?.inputs.value === "string" ? key.inputs.value : randomBytes(20).toString("hex");
                    keys.set(value, {
                        keyId: String(key?.outputs.id),
                        rateLimit: throttle?.rateLimit,
                        burstLimit: throttle?.burstLimit,
                        quota,
                    });
                }
            }
            stages.push({ api, stageName, routes, keys });
        }
    }
    return stages;
}
