// One route of a REST API (components/rest-api.ts): its resource path, method, validated parameters
// and body model, and its integration (a Lambda proxy, or an AWS service action with templates).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import type { InlineLambda } from "./inline-lambda";

/** API Gateway calls an AWS service action directly (e.g. Kinesis PutRecord) with a role. */
export interface ServiceIntegration {
    /** e.g. `arn:aws:apigateway:us-east-1:kinesis:action/PutRecord`. */
    uri: pulumi.Input<string>;
    /** Role API Gateway assumes for the call (build it with `serviceRole`). */
    credentials: pulumi.Input<string>;
    /** Velocity templates by content type that turn the request into the action's input. */
    requestTemplates: Record<string, string>;
}

/** A JSON body model API Gateway checks before the integration runs. */
export interface BodyModel {
    /** The model's name in the API, e.g. `EventsRequest`. */
    name: string;
    /** JSON Schema draft 4, the dialect API Gateway validates with. */
    schema: object;
}

export type ProxyFunction = InlineLambda<APIGatewayProxyEvent, APIGatewayProxyResult>;

export interface ApiRoute {
    /** Path below the root, e.g. `search` or `orders/{id}`; each `{name}` is a required path parameter. */
    path: string;
    /** Default GET. */
    method?: "GET" | "POST" | "PUT" | "DELETE" | "PATCH";
    /** A Lambda-proxy function, or an AWS service integration. */
    handler: ProxyFunction | ServiceIntegration;
    /** Query parameters API Gateway checks before the integration runs: name to required. Default none. */
    queryParameters?: Record<string, boolean>;
    /** The `application/json` body model. At most one route per path has one. */
    bodyModel?: BodyModel;
    /**
     * The name the route's method and integration were created under before this builder named
     * them: kept as their alias, so the rename replaces nothing.
     */
    formerName?: string;
}

export interface WiredRoute {
    method: aws.apigateway.Method;
    integration: aws.apigateway.Integration;
    /** What the deployment must follow: a change here needs a new snapshot. */
    signature: pulumi.Output<unknown[]>;
    /** Everything the deployment must come after. */
    resources: pulumi.Resource[];
}

export interface RouteContext {
    /** The API's resource name prefix, e.g. `shop-api`. */
    prefix: string;
    api: aws.apigateway.RestApi;
    validator: aws.apigateway.RequestValidator;
    parent: pulumi.Resource;
}

const isService = (handler: ApiRoute["handler"]): handler is ServiceIntegration => "uri" in handler;
const parameterName = (segment: string) => /^\{(\w+)\+?\}$/.exec(segment)?.[1];

/** `orders/{id}` -> `orders-id`: the name of the path's resource (and of its body model). */
export function pathSlug(path: string): string {
    return path.replace(/[{}+]/g, "").replace(/\//g, "-");
}

/** Names stay `${prefix}-${path}` for GET routes (the URNs of existing APIs); other methods add theirs. */
function routeSlug(route: ApiRoute): string {
    const method = route.method ?? "GET";
    return method === "GET" ? pathSlug(route.path) : `${pathSlug(route.path)}-${method.toLowerCase()}`;
}

function methodParameters(route: ApiRoute): Record<string, boolean> {
    const query = Object.entries(route.queryParameters ?? {}).map(([name, required]) => [`method.request.querystring.${name}`, required]);
    const path = route.path
        .split("/")
        .map(parameterName)
        .filter((name): name is string => name !== undefined)
        .map(name => [`method.request.path.${name}`, true]);
    return Object.fromEntries([...query, ...path]);
}

/** The route as the execute-api ARN names it: each path parameter matches any segment. */
function arnPath(route: ApiRoute): string {
    return route.path
        .split("/")
        .map(segment => (parameterName(segment) ? "*" : segment))
        .join("/");
}

export function wireRoute(context: RouteContext, route: ApiRoute, resource: aws.apigateway.Resource): WiredRoute {
    const { prefix, api, validator, parent } = context;
    const httpMethod = route.method ?? "GET";
    const name = `${prefix}-${routeSlug(route)}`;
    const opts = (): pulumi.CustomResourceOptions => ({ parent, ...(route.formerName ? { aliases: [{ name: route.formerName }] } : {}) });
    const model = route.bodyModel
        ? new aws.apigateway.Model(
              `${prefix}-${pathSlug(route.path)}`,
              {
                  restApi: api.id,
                  name: route.bodyModel.name,
                  contentType: "application/json",
                  schema: JSON.stringify(route.bodyModel.schema),
              },
              { parent },
          )
        : undefined;
    const method = new aws.apigateway.Method(
        name,
        {
            restApi: api.id,
            resourceId: resource.id,
            httpMethod,
            authorization: "NONE",
            apiKeyRequired: true,
            requestValidatorId: validator.id,
            requestParameters: methodParameters(route),
            ...(model ? { requestModels: { "application/json": model.name } } : {}),
        },
        opts(),
    );
    const target = { restApi: api.id, resourceId: resource.id, httpMethod: method.httpMethod, integrationHttpMethod: "POST" };
    const service = isService(route.handler) ? route.handler : undefined;
    const proxy = isService(route.handler) ? undefined : route.handler;
    const integration = new aws.apigateway.Integration(
        name,
        service
            ? {
                  ...target,
                  type: "AWS",
                  uri: service.uri,
                  credentials: service.credentials,
                  requestTemplates: service.requestTemplates,
                  passthroughBehavior: "NEVER",
              }
            : { ...target, type: "AWS_PROXY", uri: proxy!.function.invokeArn },
        opts(),
    );
    const resources: pulumi.Resource[] = [method, integration];
    if (service) {
        // A service integration answers through explicit responses; proxies answer for themselves.
        const response = { restApi: api.id, resourceId: resource.id, httpMethod: method.httpMethod, statusCode: "200" };
        const methodResponse = new aws.apigateway.MethodResponse(name, response, { parent });
        resources.push(
            methodResponse,
            new aws.apigateway.IntegrationResponse(name, response, { parent, dependsOn: [integration, methodResponse] }),
        );
    } else {
        proxy!.allowInvocation(
            "api",
            "apigateway.amazonaws.com",
            pulumi.interpolate`${api.executionArn}/*/${httpMethod}/${arnPath(route)}`,
        );
    }
    // GET routes without a model keep the signature they always had (no redeployment for them).
    const extra: pulumi.Input<unknown>[] = [...(httpMethod === "GET" ? [] : [httpMethod]), ...(model ? [model.schema] : [])];
    const parts: pulumi.Input<unknown>[] = [
        resource.id,
        integration.uri,
        pulumi.output(route.queryParameters ?? {}),
        validator.id,
        ...extra,
    ];
    const signature = pulumi.all(parts);
    return { method, integration, signature, resources };
}
