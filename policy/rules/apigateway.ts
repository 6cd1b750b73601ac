// REST APIs: every method needs a key or an authorizer; stages log access and trace.
import { resourceRule } from "../lib/rule";
import { isRecord } from "../lib/values";

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
