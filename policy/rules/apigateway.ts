// REST APIs: every method needs a key or an authorizer; stages log access and trace.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { isRecord } from "../lib/values";

export const apiMethodAccessControlled: ResourceValidationPolicy = {
    name: "api-method-access-controlled",
    description:
        "Every REST API method requires an API key or an authorizer; CORS preflight (OPTIONS) is exempt (cdk-nag AwsSolutions-APIG4).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "apiMethod") || args.props.httpMethod === "OPTIONS") {
            return;
        }
        const authorization = args.props.authorization;
        if ((authorization === undefined || authorization === "NONE") && args.props.apiKeyRequired !== true) {
            report(`API method ${args.name} (${String(args.props.httpMethod)}) is open to anyone: require an API key or an authorizer`);
        }
    },
};

export const apiStageAccessLogging: ResourceValidationPolicy = {
    name: "api-stage-access-logging",
    description: "REST API stages write access logs to CloudWatch Logs (cdk-nag AwsSolutions-APIG1).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "apiStage")) {
            return;
        }
        const settings = args.props.accessLogSettings;
        // The destination ARN is unknown until the log group exists: presence is checked.
        if (!isRecord(settings) || !("destinationArn" in settings) || typeof settings.format !== "string" || settings.format === "") {
            report(`API stage ${args.name} writes no access logs: set accessLogSettings (destination and format)`);
        }
    },
};

export const apiStageTracing: ResourceValidationPolicy = {
    name: "api-stage-tracing",
    description: "REST API stages trace requests with X-Ray (Security Hub APIGateway.3).",
    enforcementLevel: "advisory",
    validateResource: (args, report) => {
        if (isKind(args.type, "apiStage") && args.props.xrayTracingEnabled !== true) {
            report(`API stage ${args.name} does not trace with X-Ray`);
        }
    },
};
