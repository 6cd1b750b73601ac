// API Gateway (REST, Lambda proxy) responses: JSON bodies, no stack traces, no caching.
import type { APIGatewayProxyResult } from "aws-lambda";

const jsonHeaders = {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
};

export function jsonResponse(statusCode: number, body: object): APIGatewayProxyResult {
    return { statusCode, headers: jsonHeaders, body: JSON.stringify(body) };
}

export function errorResponse(statusCode: number, error: string, message: string): APIGatewayProxyResult {
    return jsonResponse(statusCode, { error, message });
}
