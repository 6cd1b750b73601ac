// A REST API: routes (any method, one resource per path segment; components/rest-api-routes.ts) to
// Lambda proxy integrations or AWS service integrations, an API key on every method, a usage plan
// with throttle and daily quota, validation of parameters and body models, JSON access logs,
// throttling, X-Ray, stage metrics and an alarm on server errors.
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { topicAlarm } from "./alarms";
import { accessLogFormat, ApiLimits, apiStageName, stageMethodSettings } from "./defaults/apigateway-defaults";
import { encryptedLogGroupArgs } from "./defaults/log-defaults";
import type { PlatformContext } from "./platform-context";
import { ApiRoute, pathSlug, wireRoute } from "./rest-api-routes";

export type { ApiRoute, BodyModel, ServiceIntegration } from "./rest-api-routes";

export interface RestApiArgs {
    platform: PlatformContext;
    /** What the API serves, shown in the console. */
    description: string;
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
    /** The default client's key value, as a secret output. */
    apiKeyValue: pulumi.Output<string>;
}

export function createRestApi(name: string, args: RestApiArgs, parent: pulumi.Resource): RestApi {
    const child = { parent };
    const api = new aws.apigateway.RestApi(
        `${name}-api`,
        {
            description: args.description,
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

    const resources = new Map<string, aws.apigateway.Resource>();
    const resourceFor = (path: string): aws.apigateway.Resource => {
        const known = resources.get(path);
        if (known) {
            return known;
        }
        const segments = path.split("/");
        const parentId = segments.length > 1 ? resourceFor(segments.slice(0, -1).join("/")).id : api.rootResourceId;
        const resource = new aws.apigateway.Resource(
            `${name}-api-${pathSlug(path)}`,
            { restApi: api.id, parentId, pathPart: segments[segments.length - 1] },
            child,
        );
        resources.set(path, resource);
        return resource;
    };
    const routeContext = { prefix: `${name}-api`, api, validator, parent };
    const routed = args.routes.map(route => wireRoute(routeContext, route, resourceFor(route.path)));

    // A deployment is a snapshot: a new one whenever a route, its parameters, model or target changes.
    const signature = pulumi
        .all(routed.map(route => route.signature))
        .apply(parts => createHash("sha256").update(JSON.stringify(parts)).digest("hex"));
    const deployment = new aws.apigateway.Deployment(
        `${name}-api`,
        {
            restApi: api.id,
            description: `${name}: routes ${args.routes.map(route => `/${route.path}`).join(", ")}`,
            triggers: { routes: signature },
        },
        { parent, dependsOn: routed.flatMap(route => route.resources) },
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

    return { api, stage, apiKey, url: stage.invokeUrl, apiKeyValue: pulumi.secret(apiKey.value) };
}
