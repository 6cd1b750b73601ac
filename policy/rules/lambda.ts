// How functions may be invoked and how their failures are kept.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { isRecord, listOf } from "../lib/values";

export const lambdaPermissionScoped: ResourceValidationPolicy = {
    name: "lambda-permission-scoped",
    description: "Lambda permissions name a service principal, its source ARN and source account (Security Hub Lambda.1).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "lambdaPermission")) {
            return;
        }
        const props = args.props;
        if (props.principal === "*") {
            report(`Lambda permission ${args.name} lets anyone invoke the function`);
        }
        // Presence only: source ARNs and the account come from other resources at preview.
        for (const property of ["sourceArn", "sourceAccount"]) {
            if (!(property in props)) {
                report(
                    `Lambda permission ${args.name} has no ${property}: any ${String(props.principal)} resource could invoke the function`,
                );
            }
        }
    },
};

export const streamMappingFailureHandling: ResourceValidationPolicy = {
    name: "stream-mapping-failure-handling",
    description:
        "Stream event source mappings report partial failures, bisect, bound retries and record age, and keep failures in a destination (cdk-nag Serverless LambdaEventSourceMappingDestination).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "eventSourceMapping") || !("startingPosition" in args.props)) {
            return; // queue sources have no starting position and no stream semantics
        }
        const props = args.props;
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
            report(`event source mapping ${args.name}: ${problems.join("; ")}`);
        }
    },
};

export const lambdaTracingActive: ResourceValidationPolicy = {
    name: "lambda-tracing-active",
    description: "Lambda functions trace with X-Ray (cdk-nag Serverless LambdaTracing).",
    enforcementLevel: "advisory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "lambdaFunction")) {
            return;
        }
        const tracing = args.props.tracingConfig;
        if (!isRecord(tracing) || tracing.mode !== "Active") {
            report(`Lambda ${args.name} does not trace actively`);
        }
    },
};
