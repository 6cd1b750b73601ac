// The REST API: GET routes to Lambda proxy integrations, an API key on every method, a usage plan,
// request parameter validation, JSON access logs, X-Ray and stage metrics.
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogFormat, ApiLimits, apiStageName, stageMethodSettings } from "../defaults/apigateway-defaults";
import { encryptedLogGroupArgs } from "../defaults/log-defaults";
import type { PlatformContext } from "../platform-context";
import type { ApiFunction } from "./functions";

export interface ApiRoute {
    /** One path segment, e.g. `search` for GET /search. */
    path: string;
    handler: ApiFunction;
    /** Query parameters API Gateway checks before the function runs: name to required. */
    queryParameters: Record<string, boolean>;
}

export interface RestApiArgs {
    platform: PlatformContext;
    routes: ApiRoute[];
    limits: ApiLimits;
    /** Account-level prerequisites (API Gateway's CloudWatch role) when this stack manages them. */
    prerequisites: pulumi.Resource[];
    tags: Record<string, string>;
}

export interface RestApi {
    api: aws.apigateway.RestApi;
    stage: aws.apigateway.Stage;
    apiKey: aws.apigateway.ApiKey;
    /** Base URL of the stage, e.g. `https://abc.execute-api.us-east-1.amazonaws.com/v1`. */
    url: pulumi.Output<string>;
}

function methodParameters(route: ApiRoute): Record<string, boolean> {
    return Object.fromEntries(
        Object.entries(route.queryParameters).map(([name, required]) => [`method.request.querystring.${name}`, required]),
    );
}

export function createRestApi(name: string, args: RestApiArgs, parent: pulumi.Resource): RestApi {
    const child = { parent };
    const api = new aws.apigateway.RestApi(
        `${name}-api`,
        {
            description: `${name}: product search, cache lookups and health`,
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

    const routed = args.routes.map(route => {
        const resource = new aws.apigateway.Resource(
            `${name}-api-${route.path}`,
            { restApi: api.id, parentId: api.rootResourceId, pathPart: route.path },
            child,
        );
        const method = new aws.apigateway.Method(
            `${name}-api-${route.path}`,
            {
                restApi: api.id,
                resourceId: resource.id,
                httpMethod: "GET",
                authorization: "NONE",
                apiKeyRequired: true,
                requestValidatorId: validator.id,
                requestParameters: methodParameters(route),
            },
            child,
        );
        const integration = new aws.apigateway.Integration(
            `${name}-api-${route.path}`,
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
        route.handler.allowInvocation("api", "apigateway.amazonaws.com", pulumi.interpolate`${api.executionArn}/*/GET/${route.path}`);
        return { route, resource, method, integration };
    });

    // A deployment is a snapshot: a new one whenever a route, its parameters or its target changes.
    const signature = pulumi
        .all(
            routed.map(({ route, resource, integration }) =>
                pulumi.all([resource.id, integration.uri, pulumi.output(route.queryParameters), validator.id]),
            ),
        )
        .apply(parts => createHash("sha256").update(JSON.stringify(parts)).digest("hex"));
    const deployment = new aws.apigateway.Deployment(
        `${name}-api`,
        {
            restApi: api.id,
            description: `${name}: routes ${args.routes.map(route => `/${route.path}`).join(", ")}`,
            triggers: { routes: signature },
        },
        { parent, dependsOn: routed.flatMap(({ method, integration }) => [method, integration]) },
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

    return { api, stage, apiKey, url: stage.invokeUrl };
}
