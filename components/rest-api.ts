// A REST API: routes (any method, one resource per path segment) to Lambda proxy integrations or
// AWS service integrations with request templates, an API key on every method, a usage plan,
// request validation, JSON access logs, throttling, X-Ray and stage metrics.
import { createHash } from "crypto";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { accessLogFormat, ApiLimits, apiStageName, stageMethodSettings } from "./defaults/apigateway-defaults";
import { encryptedLogGroupArgs } from "./defaults/log-defaults";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import type { InlineLambda } from "./inline-lambda";
import type { PlatformContext } from "./platform-context";

/** API Gateway calls an AWS service action directly (e.g. Kinesis PutRecord) with a role. */
export interface ServiceIntegration {
    /** e.g. `arn:aws:apigateway:us-east-1:kinesis:action/PutRecord`. */
    uri: pulumi.Input<string>;
    /** Role API Gateway assumes for the call (build it with `serviceRole`). */
    credentials: pulumi.Input<string>;
    /** Velocity templates by content type that turn the request into the action's input. */
    requestTemplates: Record<string, string>;
    /** Model the body must match before the integration runs, by content type. */
    requestModels?: Record<string, pulumi.Input<string>>;
}

export interface ApiRoute {
    /** Path below the root, e.g. `search` or `orders/{id}`. */
    path: string;
    /** Default GET. */
    method?: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
    /** A Lambda-proxy function, or an AWS service integration. */
    handler: InlineLambda<APIGatewayProxyEvent, APIGatewayProxyResult> | ServiceIntegration;
    /** Query parameters API Gateway checks before the integration runs: name to required. */
    queryParameters: Record<string, boolean>;
}

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
}

const isService = (handler: ApiRoute["handler"]): handler is ServiceIntegration => "uri" in handler;

/** Resource names stay `${name}-api-${path}` for GET routes (the URNs of existing APIs). */
function routeSlug(route: ApiRoute): string {
    const path = route.path.replace(/[{}]/g, "").replace(/\//g, "-");
    const method = route.method ?? "GET";
    return method === "GET" ? path : `${path}-${method.toLowerCase()}`;
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
            `${name}-api-${path.replace(/[{}]/g, "").replace(/\//g, "-")}`,
            { restApi: api.id, parentId, pathPart: segments[segments.length - 1] },
            child,
        );
        resources.set(path, resource);
        return resource;
    };

    const routed = args.routes.map(route => {
        const resource = resourceFor(route.path);
        const httpMethod = route.method ?? "GET";
        const slug = routeSlug(route);
        const service = isService(route.handler) ? route.handler : undefined;
        const method = new aws.apigateway.Method(
            `${name}-api-${slug}`,
            {
                restApi: api.id,
                resourceId: resource.id,
                httpMethod,
                authorization: "NONE",
                apiKeyRequired: true,
                requestValidatorId: validator.id,
                requestParameters: methodParameters(route),
                ...(service?.requestModels ? { requestModels: service.requestModels } : {}),
            },
            child,
        );
        const integration = new aws.apigateway.Integration(
            `${name}-api-${slug}`,
            service
                ? {
                      restApi: api.id,
                      resourceId: resource.id,
                      httpMethod: method.httpMethod,
                      type: "AWS",
                      integrationHttpMethod: "POST",
                      uri: service.uri,
                      credentials: service.credentials,
                      requestTemplates: service.requestTemplates,
                      passthroughBehavior: "NEVER",
                  }
                : {
                      restApi: api.id,
                      resourceId: resource.id,
                      httpMethod: method.httpMethod,
                      type: "AWS_PROXY",
                      integrationHttpMethod: "POST",
                      uri: (route.handler as InlineLambda<APIGatewayProxyEvent, APIGatewayProxyResult>).function.invokeArn,
                  },
            child,
        );
        const responses: pulumi.Resource[] = [];
        if (service) {
            // A service integration answers through explicit responses; proxies answer for themselves.
            const methodResponse = new aws.apigateway.MethodResponse(
                `${name}-api-${slug}`,
                { restApi: api.id, resourceId: resource.id, httpMethod: method.httpMethod, statusCode: "200" },
                child,
            );
            responses.push(
                methodResponse,
                new aws.apigateway.IntegrationResponse(
                    `${name}-api-${slug}`,
                    { restApi: api.id, resourceId: resource.id, httpMethod: method.httpMethod, statusCode: "200" },
                    { parent, dependsOn: [integration, methodResponse] },
                ),
            );
        } else {
            (route.handler as InlineLambda<APIGatewayProxyEvent, APIGatewayProxyResult>).allowInvocation(
                "api",
                "apigateway.amazonaws.com",
                pulumi.interpolate`${api.executionArn}/*/${httpMethod}/${route.path}`,
            );
        }
        return { route, resource, method, integration, responses };
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
        { parent, dependsOn: routed.flatMap(({ method, integration, responses }) => [method, integration, ...responses]) },
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
