// REST APIs: every method needs a key or an authorizer and a request validator; stages log access
// and execution, throttle, encrypt their cache and trace.
import { PolicyResource } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { resourceRule, stackRule } from "../lib/rule";
import { isRecord, knownOrUnknown, unknown } from "../lib/values";

export const apiMethodAccessControlled = resourceRule({
    name: "api-method-access-controlled",
    description:
        "Every REST API method requires an API key or an authorizer; CORS preflight (OPTIONS) is exempt (cdk-nag AwsSolutions-APIG4).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-APIG4"],
    kinds: ["apiMethod"],
    check: (method, report) => {
        if (method.props.httpMethod === "OPTIONS") {
            return;
        }
        const authorization = method.props.authorization;
        if ((authorization === undefined || authorization === "NONE") && method.props.apiKeyRequired !== true) {
            report(`API method ${method.name} (${String(method.props.httpMethod)}) is open to anyone: require an API key or an authorizer`);
        }
    },
});

export const apiStageAccessLogging = resourceRule({
    name: "api-stage-access-logging",
    description: "REST API stages write access logs to CloudWatch Logs (cdk-nag AwsSolutions-APIG1).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-APIG1"],
    kinds: ["apiStage"],
    check: (stage, report) => {
        const settings = stage.props.accessLogSettings;
        // The destination ARN is unknown until the log group exists: presence is checked.
        if (!isRecord(settings) || !("destinationArn" in settings) || typeof settings.format !== "string" || settings.format === "") {
            report(`API stage ${stage.name} writes no access logs: set accessLogSettings (destination and format)`);
        }
    },
});

export const apiStageTracing = resourceRule({
    name: "api-stage-tracing",
    description: "REST API stages trace requests with X-Ray (Security Hub APIGateway.3).",
    enforcementLevel: "advisory",
    anchors: ["APIGateway.3"],
    kinds: ["apiStage"],
    check: (stage, report) => {
        if (stage.props.xrayTracingEnabled !== true) {
            report(`API stage ${stage.name} does not trace with X-Ray`);
        }
    },
});

export const apiMethodRequestValidated = resourceRule({
    name: "api-method-request-validated",
    description: "Every REST API method (CORS preflight exempt) names a request validator (cdk-nag AwsSolutions-APIG2).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-APIG2"],
    kinds: ["apiMethod"],
    check: (method, report) => {
        if (method.props.httpMethod !== "OPTIONS" && !("requestValidatorId" in method.props)) {
            report(`API method ${method.name} passes requests unchecked: set requestValidatorId (aws.apigateway.RequestValidator)`);
        }
    },
});

/** Two values known at preview and equal (an unknown stage name links nothing). */
function sameKnownValue(a: () => unknown, b: () => unknown): boolean {
    const [left, right] = [knownOrUnknown(a), knownOrUnknown(b)];
    return left !== unknown && left !== undefined && left === right;
}

/** The `*\/*` method settings of this stack for a stage: same REST API, and the stage by dependency or name. */
function stageSettings(stage: PolicyResource, resources: PolicyResource[]): PolicyResource[] {
    return resources.filter(
        settings =>
            isKind(settings.type, "apiMethodSettings") &&
            settings.props.methodPath === "*/*" &&
            ((settings.propertyDependencies.stageName ?? []).some(d => d.urn === stage.urn) ||
                sameKnownValue(
                    () => settings.props.stageName,
                    () => stage.props.stageName,
                )),
    );
}

export const apiStageExecutionLogging = stackRule({
    name: "api-stage-execution-logging",
    description:
        'REST API stages log execution for every method: MethodSettings "*/*" with loggingLevel ERROR or INFO (cdk-nag AwsSolutions-APIG6, Security Hub APIGateway.1).',
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-APIG6"],
    kinds: ["apiStage"],
    check: (stage, resources, report) => {
        const logged = stageSettings(stage, resources).some(
            s => isRecord(s.props.settings) && ["ERROR", "INFO"].includes(String(s.props.settings.loggingLevel)),
        );
        if (!logged) {
            report(
                `API stage ${stage.name} logs no method execution: add MethodSettings { methodPath: "*/*", settings: { loggingLevel: "ERROR" } }`,
            );
        }
    },
});

export const apiStageThrottled = stackRule({
    name: "api-stage-throttled",
    description:
        'REST API stages set default throttling for every method: MethodSettings "*/*" with burst and rate limits (cdk-nag Serverless APIGWDefaultThrottling).',
    enforcementLevel: "mandatory",
    anchors: ["Serverless-APIGWDefaultThrottling"],
    kinds: ["apiStage"],
    check: (stage, resources, report) => {
        const throttled = stageSettings(stage, resources).some(
            s =>
                isRecord(s.props.settings) &&
                typeof s.props.settings.throttlingBurstLimit === "number" &&
                typeof s.props.settings.throttlingRateLimit === "number",
        );
        if (!throttled) {
            report(
                `API stage ${stage.name} has no default throttling: set throttlingBurstLimit and throttlingRateLimit in MethodSettings "*/*"`,
            );
        }
    },
});

export const apiCacheEncrypted = resourceRule({
    name: "api-cache-encrypted",
    description: "REST API method settings that cache responses encrypt the cache (Security Hub APIGateway.5).",
    enforcementLevel: "mandatory",
    anchors: ["APIGateway.5"],
    kinds: ["apiMethodSettings"],
    check: (settings, report) => {
        const values = isRecord(settings.props.settings) ? settings.props.settings : {};
        if (values.cachingEnabled === true && values.cacheDataEncrypted !== true) {
            report(`method settings ${settings.name} cache responses unencrypted: set settings.cacheDataEncrypted to true`);
        }
    },
});
