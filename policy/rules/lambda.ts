// Lambda: attached to the VPC in private subnets, invoked only by named sources, failures kept.
import { resourceRule } from "../lib/rule";
import { subnetPlacementPolicy } from "../lib/subnets";
import { isRecord, knownOrUnknown, listOf, unknown } from "../lib/values";

export const lambdaInVpc = resourceRule({
    name: "lambda-in-vpc",
    description: "Every Lambda function runs attached to the VPC, with subnets and a security group (Security Hub Lambda.3).",
    enforcementLevel: "mandatory",
    anchors: ["Lambda.3"],
    kinds: ["lambdaFunction"],
    check: (fn, report) => {
        const vpcConfig = fn.props.vpcConfig;
        if (!isRecord(vpcConfig)) {
            report(`Lambda ${fn.name} has no vpcConfig: it runs outside the VPC`);
            return;
        }
        for (const property of ["subnetIds", "securityGroupIds"]) {
            // Ids wired to resources being created are unknown at preview: present, so attached.
            const value = knownOrUnknown(() => vpcConfig[property]);
            if (value !== unknown && listOf(value).length === 0) {
                report(`Lambda ${fn.name} has no ${property} in its vpcConfig`);
            }
        }
    },
});

export const lambdaInPrivateSubnets = subnetPlacementPolicy({
    name: "lambda-in-private-subnets",
    anchors: [],
    description: "Lambda functions run in private or isolated subnets of this stack, never in public ones.",
    placements: { lambdaFunction: "vpcConfig" },
    allowedTiers: ["private", "isolated"],
});

export const lambdaPermissionScoped = resourceRule({
    name: "lambda-permission-scoped",
    description: "Lambda permissions name a service principal, its source ARN and source account (Security Hub Lambda.1).",
    enforcementLevel: "mandatory",
    anchors: ["Lambda.1"],
    kinds: ["lambdaPermission"],
    check: (permission, report) => {
        const props = permission.props;
        if (props.principal === "*") {
            report(`Lambda permission ${permission.name} lets anyone invoke the function`);
        }
        // Presence only: source ARNs and the account come from other resources at preview.
        for (const property of ["sourceArn", "sourceAccount"]) {
            if (!(property in props)) {
                report(
                    `Lambda permission ${permission.name} has no ${property}: any ${String(props.principal)} resource could invoke the function`,
                );
            }
        }
    },
});

export const streamMappingFailureHandling = resourceRule({
    name: "stream-mapping-failure-handling",
    description:
        "Stream event source mappings report partial failures, bisect, bound retries and record age, and keep failures in a destination (cdk-nag Serverless LambdaEventSourceMappingDestination).",
    enforcementLevel: "mandatory",
    anchors: ["Serverless-LambdaEventSourceMappingDestination"],
    kinds: ["eventSourceMapping"],
    check: (mapping, report) => {
        const props = mapping.props;
        if (!("startingPosition" in props)) {
            return; // queue sources have no starting position and no stream semantics
        }
        const problems: string[] = [];
        if (!listOf(props.functionResponseTypes).includes("ReportBatchItemFailures")) {
            problems.push("functionResponseTypes lacks ReportBatchItemFailures");
        }
        if (props.bisectBatchOnFunctionError !== true) {
            problems.push("bisectBatchOnFunctionError is off");
        }
        if (typeof props.maximumRetryAttempts !== "number" || props.maximumRetryAttempts < 0) {
            problems.push("retries are unbounded");
        }
        if (typeof props.maximumRecordAgeInSeconds !== "number" || props.maximumRecordAgeInSeconds < 0) {
            problems.push("record age is unbounded");
        }
        const onFailure =
            isRecord(props.destinationConfig) && isRecord(props.destinationConfig.onFailure)
                ? props.destinationConfig.onFailure
                : undefined;
        if (onFailure === undefined || !("destinationArn" in onFailure)) {
            problems.push("no on-failure destination");
        }
        if (problems.length > 0) {
            report(`event source mapping ${mapping.name}: ${problems.join("; ")}`);
        }
    },
});

export const lambdaTracingActive = resourceRule({
    name: "lambda-tracing-active",
    description: "Lambda functions trace with X-Ray (cdk-nag Serverless LambdaTracing).",
    enforcementLevel: "advisory",
    anchors: ["Serverless-LambdaTracing"],
    kinds: ["lambdaFunction"],
    check: (fn, report) => {
        const tracing = fn.props.tracingConfig;
        if (!isRecord(tracing) || tracing.mode !== "Active") {
            report(`Lambda ${fn.name} does not trace actively`);
        }
    },
});

/** Runtimes AWS supports without a deprecation date announced (Security Hub Lambda.2's list). */
export const supportedRuntimes = [
    "nodejs22.x",
    "nodejs24.x",
    "python3.12",
    "python3.13",
    "python3.14",
    "java21",
    "java25",
    "dotnet8",
    "ruby3.4",
    "provided.al2023",
];

export const lambdaSupportedRuntime = resourceRule({
    name: "lambda-supported-runtime",
    description: `Lambda functions name a current runtime (${supportedRuntimes.join(", ")}) instead of leaving it to a default (cdk-nag AwsSolutions-L1, Security Hub Lambda.2).`,
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-L1", "Lambda.2"],
    kinds: ["lambdaFunction"],
    check: (fn, report) => {
        if (fn.props.packageType === "Image") {
            return; // the image brings its runtime
        }
        const runtime = fn.props.runtime;
        if (typeof runtime !== "string" || !supportedRuntimes.includes(runtime)) {
            report(
                `Lambda ${fn.name} runs on ${String(runtime ?? "an unnamed runtime")}: set runtime to one of ${supportedRuntimes.join(", ")}`,
            );
        }
    },
});

export const lambdaSizedExplicitly = resourceRule({
    name: "lambda-sized-explicitly",
    description:
        "Lambda functions set memorySize and timeout instead of the 128 MB / 3 s defaults (cdk-nag Serverless LambdaDefaultMemorySize, LambdaDefaultTimeout).",
    enforcementLevel: "mandatory",
    anchors: ["Serverless-LambdaDefaultMemorySize"],
    kinds: ["lambdaFunction"],
    check: (fn, report) => {
        const unset = ["memorySize", "timeout"].filter(property => typeof fn.props[property] !== "number");
        if (unset.length > 0) {
            report(`Lambda ${fn.name} leaves ${unset.join(" and ")} at the default: set them for the work it does`);
        }
    },
});

export const lambdaAsyncFailureDestination = resourceRule({
    name: "lambda-async-failure-destination",
    description:
        "Asynchronous invoke configs keep failed events in an on-failure destination and bound retries (cdk-nag Serverless LambdaAsyncFailureDestination; it stands in for a DLQ, LambdaDLQ).",
    enforcementLevel: "mandatory",
    anchors: ["Serverless-LambdaAsyncFailureDestination", "Serverless-LambdaDLQ"],
    kinds: ["lambdaInvokeConfig"],
    check: (config, report) => {
        const destinations = config.props.destinationConfig;
        const onFailure = isRecord(destinations) && isRecord(destinations.onFailure) ? destinations.onFailure : undefined;
        if (onFailure === undefined || !("destination" in onFailure)) {
            report(`invoke config ${config.name} drops events that fail: set destinationConfig.onFailure.destination to a queue`);
        }
    },
});

export const lambdaUrlAuthenticated = resourceRule({
    name: "lambda-url-authenticated",
    description: 'Lambda function URLs require IAM authentication, never authorizationType "NONE" (Security Hub Lambda.1).',
    enforcementLevel: "mandatory",
    anchors: ["Lambda.1"],
    kinds: ["lambdaFunctionUrl"],
    check: (url, report) => {
        if (url.props.authorizationType !== "AWS_IAM") {
            report(`function URL ${url.name} lets anyone call the function: set authorizationType to "AWS_IAM"`);
        }
    },
});
