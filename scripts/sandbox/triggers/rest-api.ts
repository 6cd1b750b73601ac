// REST API methods served on the sandbox port: API key check, usage-plan throttle and quota,
// request parameter validation, then API Gateway's REST proxy event to the function, and its
// answers (403, 429, 400, 502) where API Gateway gives them.
import { randomUUID } from "crypto";
import type { IncomingMessage } from "http";
import type { APIGatewayProxyEvent } from "aws-lambda";
import { InvocationLog, summarize } from "../invocation-log";
import { ApiRoute, ApiStage, apiStages } from "./rest-api-model";
import { TriggerContext, TriggerSet } from "./trigger";
import { UsageMeter } from "./usage-limits";

export interface HttpAnswer {
    status: number;
    headers: Record<string, string>;
    body: string;
}

export interface ServedApi {
    stage: ApiStage;
    /** Path prefix on the sandbox port, e.g. `/api/shop-api/v1`. */
    basePath: string;
    handle(request: IncomingMessage, path: string, body: string): Promise<HttpAnswer>;
}

const json = (status: number, body: unknown): HttpAnswer => ({
    status,
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
});

function match(route: ApiRoute, path: string): Record<string, string> | undefined {
    const pattern = route.resourcePath.split("/").filter(Boolean);
    const parts = path.split("/").filter(Boolean);
    const parameters: Record<string, string> = {};
    for (let i = 0; i < pattern.length; i++) {
        const greedy = /^\{(\w+)\+\}$/.exec(pattern[i]);
        if (greedy) {
            parameters[greedy[1]] = parts.slice(i).map(decodeURIComponent).join("/");
            return parts.length > i ? parameters : undefined;
        }
        const named = /^\{(\w+)\}$/.exec(pattern[i]);
        if (i >= parts.length || (!named && pattern[i] !== parts[i])) {
            return undefined;
        }
        if (named) {
            parameters[named[1]] = decodeURIComponent(parts[i]);
        }
    }
    return parts.length === pattern.length ? parameters : undefined;
}

function proxyEvent(
    stage: ApiStage,
    route: ApiRoute,
    request: IncomingMessage,
    path: string,
    url: URL,
    body: string,
    parameters: Record<string, string>,
    apiKey: string | undefined,
    keyId: string | undefined,
): APIGatewayProxyEvent {
    const headers: Record<string, string> = {};
    const multiValueHeaders: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) {
        const values = Array.isArray(value) ? value : [String(value)];
        headers[name] = values[values.length - 1];
        multiValueHeaders[name] = values;
    }
    const query: Record<string, string> = {};
    const multiQuery: Record<string, string[]> = {};
    url.searchParams.forEach((value, name) => {
        query[name] = value;
        (multiQuery[name] ??= []).push(value);
    });
    const hasQuery = Object.keys(query).length > 0;
    const now = Date.now();
    const requestId = randomUUID();
    return {
        resource: route.resourcePath,
        path,
        httpMethod: route.httpMethod,
        headers,
        multiValueHeaders,
        queryStringParameters: hasQuery ? query : null,
        multiValueQueryStringParameters: hasQuery ? multiQuery : null,
        pathParameters: Object.keys(parameters).length > 0 ? parameters : null,
        stageVariables: null,
        requestContext: {
            accountId: "123456789012",
            apiId: String(stage.api.outputs.id),
            authorizer: undefined,
            protocol: `HTTP/${request.httpVersion}`,
            httpMethod: route.httpMethod,
            identity: {
                accessKey: null,
                accountId: null,
                apiKey: apiKey ?? null,
                apiKeyId: keyId ?? null,
                caller: null,
                clientCert: null,
                cognitoAuthenticationProvider: null,
                cognitoAuthenticationType: null,
                cognitoIdentityId: null,
                cognitoIdentityPoolId: null,
                principalOrgId: null,
                sourceIp: request.socket.remoteAddress ?? "127.0.0.1",
                user: null,
                userAgent: headers["user-agent"] ?? null,
                userArn: null,
            },
            path: `/${stage.stageName}${path}`,
            stage: stage.stageName,
            requestId,
            requestTimeEpoch: now,
            resourceId: route.resourceId,
            resourcePath: route.resourcePath,
        },
        body: body === "" ? null : body,
        isBase64Encoded: false,
    };
}

function serve(stage: ApiStage, log: InvocationLog): ServedApi {
    const meters = new Map([...stage.keys].map(([value, limits]) => [value, new UsageMeter(limits)]));
    const basePath = `/api/${stage.api.name}/${stage.stageName}`;
    return {
        stage,
        basePath,
        async handle(request, path, body) {
            const url = new URL(request.url ?? "/", "http://127.0.0.1");
            const candidates = stage.routes.map(route => ({ route, parameters: match(route, path) })).filter(c => c.parameters);
            const found = candidates.find(c => c.route.httpMethod === request.method || c.route.httpMethod === "ANY");
            if (!found) {
                // API Gateway answers an unknown route or method as a missing authentication token.
                return json(403, { message: "Missing Authentication Token" });
            }
            const { route } = found;
            const apiKey = request.headers["x-api-key"] as string | undefined;
            const key = apiKey ? stage.keys.get(apiKey) : undefined;
            if (route.apiKeyRequired) {
                if (!key) {
                    return json(403, { message: "Forbidden" });
                }
                const verdict = meters.get(apiKey!)!.take();
                if (verdict === "throttled") {
                    return json(429, { message: "Too Many Requests" });
                }
                if (verdict === "quota exceeded") {
                    return json(429, { message: "Limit Exceeded" });
                }
            }
            const missing = [
                ...route.requiredQuery.filter(name => !url.searchParams.has(name)),
                ...route.requiredHeaders.filter(name => request.headers[name.toLowerCase()] === undefined),
            ];
            if (missing.length > 0) {
                return json(400, { message: `Missing required request parameters: [${missing.join(", ")}]` });
            }
            const event = proxyEvent(stage, route, request, path, url, body, found.parameters!, apiKey, key?.keyId);
            const outcome = await route.fn.container.invoke(event);
            const answer = outcome.result as { statusCode?: number; headers?: Record<string, string>; body?: string } | undefined;
            const valid = outcome.ok && answer && typeof answer.statusCode === "number";
            log.add({
                function: route.fn.name,
                pipeline: route.fn.pipeline,
                trigger: `${route.httpMethod} ${route.resourcePath}${url.search}`,
                outcome: valid ? "ok" : "error",
                durationMs: outcome.durationMs,
                detail: valid ? `${answer!.statusCode} ${summarize(answer!.body ?? "", 200)}` : summarize(outcome.error ?? answer),
            });
            if (!valid) {
                return json(502, { message: "Internal server error" });
            }
            return {
                status: answer!.statusCode!,
                headers: { "content-type": "application/json", ...answer!.headers },
                body: answer!.body ?? "",
            };
        },
    };
}

export function restApis(context: TriggerContext): TriggerSet & { apis: ServedApi[] } {
    const set: TriggerSet = { triggers: [], notEmulated: [], running: [] };
    const apis = apiStages(context.graph, context.functions, set.notEmulated).map(stage => serve(stage, context.log));
    for (const api of apis) {
        for (const route of api.stage.routes) {
            set.triggers.push({
                kind: "REST API method",
                function: route.fn.name,
                pipeline: route.fn.pipeline,
                description:
                    `${route.httpMethod} ${api.basePath}${route.resourcePath}` +
                    `${route.apiKeyRequired ? " (API key" : " (no key"}` +
                    `${route.requiredQuery.length ? `; requires ${route.requiredQuery.join(", ")}` : ""})`,
            });
        }
    }
    return { ...set, apis };
}
