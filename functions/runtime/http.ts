// API Gateway (REST, Lambda proxy) requests and responses for every pipeline: JSON bodies, strict
// query parameters, and errors that say what went wrong without ever carrying a stack trace.
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";

export type ApiEvent = Pick<APIGatewayProxyEvent, "queryStringParameters" | "multiValueQueryStringParameters"> &
    Partial<Pick<APIGatewayProxyEvent, "requestContext">>;

const jsonHeaders = {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
};

export function jsonResponse(statusCode: number, body: object): APIGatewayProxyResult {
    return { statusCode, headers: jsonHeaders, body: JSON.stringify(body) };
}

export function errorResponse(statusCode: number, error: string, message: string, extra: object = {}): APIGatewayProxyResult {
    return jsonResponse(statusCode, { error, message, ...extra });
}

/** A request the client must fix; its message is safe to return. */
export interface InvalidRequest {
    invalid: string;
}

export function isInvalid<T>(value: T | InvalidRequest): value is InvalidRequest {
    return typeof value === "object" && value !== null && "invalid" in value;
}

/**
 * The single value of each query parameter, or the reason the query is unacceptable: a parameter
 * that is not in `allowed`, or one given more than once.
 */
export function queryParameters<K extends string>(event: ApiEvent, allowed: readonly K[]): Partial<Record<K, string>> | InvalidRequest {
    const values: Partial<Record<K, string>> = {};
    const multi = event.multiValueQueryStringParameters ?? {};
    for (const [name, value] of Object.entries(event.queryStringParameters ?? {})) {
        if (!(allowed as readonly string[]).includes(name)) {
            return { invalid: `unknown query parameter ${JSON.stringify(name)}; allowed: ${allowed.join(", ")}` };
        }
        if ((multi[name]?.length ?? 1) > 1) {
            return { invalid: `query parameter ${name} must be given once` };
        }
        values[name as K] = value ?? "";
    }
    return values;
}

export function requestIdOf(event: ApiEvent): string | undefined {
    return event.requestContext?.requestId;
}
