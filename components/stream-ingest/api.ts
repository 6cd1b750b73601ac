// StreamIngest's REST API: POST /events (body validated against an envelope model: one event or a
// batch of at most 500), GET /customers/{customerId}, GET /invoices/{invoiceNo}; Lambda proxy
// integrations, an API key on every method, a usage plan, JSON access logs, X-Ray, metrics and
// an alarm on 5xx answers.
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { topicAlarm } from "../alarms";
import { accessLogFormat, ApiLimits, apiStageName, stageMethodSettings } from "../defaults/apigateway-defaults";
import { encryptedLogGroupArgs } from "../defaults/log-defaults";
import type { PlatformContext } from "../platform-context";
import type { ApiFunction, IngestFunctions } from "./functions";

export interface IngestApiArgs {
    platform: PlatformContext;
    functions: IngestFunctions;
    limits: ApiLimits;
    maxEventsPerRequest: number;
    prerequisites: pulumi.Resource[];
    tags: Record<string, string>;
}

export interface IngestApi {
    api: aws.apigateway.RestApi;
    stage: aws.apigateway.Stage;
    apiKey: aws.apigateway.ApiKey;
    url: pulumi.Output<string>;
}

/** The envelope API Gateway checks before the producer runs; each event is checked by the producer. */
export function eventsRequestModel(maxEvents: number): object {
    return {
        $schema: "http://json-schema.org/draft-04/schema#",
        title: "EventsRequest",
        type: "object",
        properties: { events: { type: "array", minItems: 1, maxItems: maxEvents, items: { type: "object" } } },
    };
}

interface Route {
    method: "GET" | "POST";
    /** Path segments, e.g. ["customers", "{customerId}"]. */
    path: string[];
    handler: ApiFunction;
}

export function createIngestApi(name: string, args: IngestApiArgs, parent: pulumi.Resource): IngestApi {
    const child = { parent };
    const api = new aws.apigateway.RestApi(
        `${name}-api`,
        {
            description: `${name}: e-commerce events in, customers and invoices out`,
            endpointConfiguration: { types: "REGIONAL" },
            apiKeySource: "HEADER",
            tags: args.tags,
        },
        child,
    );
    const validator = new aws.apigateway.RequestValidator(
        `${name}-api`,
        { restApi: api.id, name: "parameters-and-body", validateRequestParameters: true, validateRequestBody: true },
        child,
    );
    const model = new aws.apigateway.Model(
        `${name}-api-events`,
        {
            restApi: api.id,
            name: "EventsRequest",
            contentType: "application/json",
            schema: JSON.stringify(eventsRequestModel(args.maxEventsPerRequest)),
        },
        child,
    );

    const resources = new Map<string, aws.apigateway.Resource>();
    const resourceFor = (path: string[]): aws.apigateway.Resource => {
        const key = path.join("/");
        const existing = resources.get(key);
        if (existing) {
            return existing;
        }
        const parentId = path.length === 1 ? api.rootResourceId : resourceFor(path.slice(0, -1)).id;
        const segment = path[path.length - 1];
        const resource = new aws.apigateway.Resource(
            `${name}-api-${key.replace(/[{}]/g, "").replace(/\//g, "-")}`,
            { restApi: api.id, parentId, pathPart: segment },
            child,
        );
        resources.set(key, resource);
        return resource;
    };

    const routes: Route[] = [
        { method: "POST", path: ["events"], handler: args.functions.producer },
        { method: "GET", path: ["customers", "{customerId}"], handler: args.functions.customerReader },
        { method: "GET", path: ["invoices", "{invoiceNo}"], handler: args.functions.invoiceReader },
    ];
    const wired = routes.map(route => {
        const resource = resourceFor(route.path);
        const pathParameters = route.path.filter(segment => segment.startsWith("{")).map(segment => segment.slice(1, -1));
        const routeName = `${name}-api-${route.method.toLowerCase()}-${route.path[0]}`;
        const method = new aws.apigateway.Method(
            routeName,
            {
                restApi: api.id,
                resourceId: resource.id,
                httpMethod: route.method,
                authorization: "NONE",
                apiKeyRequired: true,
                requestValidatorId: validator.id,
                requestParameters: Object.fromEntries(pathParameters.map(parameter => [`method.request.path.${parameter}`, true])),
                requestModels: route.method === "POST" ? { "application/json": model.name } : undefined,
            },
            child,
        );
        const integration = new aws.apigateway.Integration(
            routeName,
            {
                restApi: api.id,
                resourceId: resource.id,
                httpMethod: method.httpMethod,
                type: "AWS_PROXY",
                integrationHttpMethod: "POST",
                uri: route.handler.function.invokeArn,
            },
            child,
        );
        const arnPath = route.path.map(segment => (segment.startsWith("{") ? "*" : segment)).join("/");
        route.handler.allowInvocation(
            "api",
            "apigateway.amazonaws.com",
            pulumi.interpolate`${api.executionArn}/*/${route.method}/${arnPath}`,
        );
        return { route, resource, method, integration };
    });

    // A deployment is a snapshot: a new one whenever a route, its target or the model changes.
    const routeParts = wired.map(({ route, resource, integration }) => pulumi.all([route.method, resource.id, integration.uri]));
    const signature = pulumi
        .all([model.schema, pulumi.all(routeParts)])
        .apply(parts => createHash("sha256").update(JSON.stringify(parts)).digest("hex"));
    const deployment = new aws.apigateway.Deployment(
        `${name}-api`,
        { restApi: api.id, description: `${name}: events, customers and invoices`, triggers: { routes: signature } },
        { parent, dependsOn: wired.flatMap(({ method, integration }) => [method, integration]) },
    );
    const accessLogs = new aws.cloudwatch.LogGroup(
        `${name}-api-access`,
        { ...encryptedLogGroupArgs(args.platform.encryptionKey, args.platform.logRetentionInDays), tags: args.tags },
        child,
    );
    const stage = new aws.apigateway.Stage(
        `${name}-api`,
        {
            restApi: api.id,
            deployment: deployment.id,
            stageName: apiStageName,
            accessLogSettings: { destinationArn: accessLogs.arn, format: accessLogFormat },
            xrayTracingEnabled: true,
            tags: args.tags,
        },
        { parent, dependsOn: args.prerequisites },
    );
    new aws.apigateway.MethodSettings(
        `${name}-api`,
        { restApi: api.id, stageName: stage.stageName, methodPath: "*/*", settings: stageMethodSettings(args.limits) },
        { parent, dependsOn: args.prerequisites },
    );
    const apiKey = new aws.apigateway.ApiKey(
        `${name}-api`,
        { description: `${name}: default client key`, enabled: true, tags: args.tags },
        child,
    );
    const usagePlan = new aws.apigateway.UsagePlan(
        `${name}-api`,
        {
            description: `${name}: throttle and daily quota per key`,
            apiStages: [{ apiId: api.id, stage: stage.stageName }],
            throttleSettings: { rateLimit: args.limits.rateLimit, burstLimit: args.limits.burstLimit },
            quotaSettings: { limit: args.limits.quotaPerDay, period: "DAY" },
            tags: args.tags,
        },
        child,
    );
    new aws.apigateway.UsagePlanKey(`${name}-api`, { keyId: apiKey.id, keyType: "API_KEY", usagePlanId: usagePlan.id }, child);
    topicAlarm(
        `${name}-api-5xx`,
        {
            description: `${name}: the API answered with server errors`,
            namespace: "AWS/ApiGateway",
            metricName: "5XXError",
            dimensions: { ApiName: api.name, Stage: stage.stageName },
            statistic: "Sum",
            threshold: 1,
            comparison: "GreaterThanOrEqualToThreshold",
        },
        args.platform.alarmTopicArn,
        child,
    );
    return { api, stage, apiKey, url: stage.invokeUrl };
}
