// Secure defaults for REST APIs in API Gateway.

/** Access log line: one JSON object per request, without query strings (they carry user text). */
export const accessLogFormat = JSON.stringify({
    requestId: "$context.requestId",
    extendedRequestId: "$context.extendedRequestId",
    requestTime: "$context.requestTime",
    sourceIp: "$context.identity.sourceIp",
    apiKeyId: "$context.identity.apiKeyId",
    httpMethod: "$context.httpMethod",
    resourcePath: "$context.resourcePath",
    status: "$context.status",
    responseLength: "$context.responseLength",
    integrationLatency: "$context.integrationLatency",
    responseLatency: "$context.responseLatency",
    errorMessage: "$context.error.message",
    xrayTraceId: "$context.xrayTraceId",
});

export const apiStageName = "v1";

export interface ApiLimits {
    rateLimit: number;
    burstLimit: number;
    quotaPerDay: number;
}

/** Stage-wide method settings: metrics, error logs, no request bodies in logs, a throttle. */
export function stageMethodSettings(limits: Pick<ApiLimits, "rateLimit" | "burstLimit">) {
    return {
        metricsEnabled: true,
        loggingLevel: "ERROR",
        dataTraceEnabled: false,
        throttlingRateLimit: limits.rateLimit,
        throttlingBurstLimit: limits.burstLimit,
        cachingEnabled: false,
    };
}
