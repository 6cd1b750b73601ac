// Step Functions: every state machine logs all events, traces with X-Ray and encrypts with the
// stack's key.
import { resourceRule } from "../lib/rule";
import { isRecord } from "../lib/values";

export const stateMachineLogging = resourceRule({
    name: "state-machine-logging",
    description:
        "State machines log ALL events with execution data to CloudWatch Logs (cdk-nag AwsSolutions-SF1, Security Hub StepFunctions.1).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-SF1", "StepFunctions.1"],
    kinds: ["stateMachine"],
    check: (machine, report) => {
        const logging = machine.props.loggingConfiguration;
        if (!isRecord(logging) || logging.level !== "ALL" || logging.includeExecutionData !== true || !("logDestination" in logging)) {
            report(
                `state machine ${machine.name} does not log every event: set loggingConfiguration { level: "ALL", includeExecutionData: true, logDestination: "<log group ARN>:*" }`,
            );
        }
    },
});

export const stateMachineTracing = resourceRule({
    name: "state-machine-tracing",
    description: "State machines trace with X-Ray (cdk-nag AwsSolutions-SF2, Serverless StepFunctionStateMachineXray).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-SF2"],
    kinds: ["stateMachine"],
    check: (machine, report) => {
        const tracing = machine.props.tracingConfiguration;
        if (!isRecord(tracing) || tracing.enabled !== true) {
            report(`state machine ${machine.name} does not trace: set tracingConfiguration.enabled to true`);
        }
    },
});

export const stateMachineEncrypted = resourceRule({
    name: "state-machine-encrypted",
    description: "State machines encrypt definitions and execution data with a customer-managed KMS key.",
    enforcementLevel: "mandatory",
    anchors: ["x-sfn-cmk"],
    kinds: ["stateMachine"],
    check: (machine, report) => {
        const encryption = machine.props.encryptionConfiguration;
        if (!isRecord(encryption) || encryption.type !== "CUSTOMER_MANAGED_KMS_KEY" || !("kmsKeyId" in encryption)) {
            report(
                `state machine ${machine.name} uses an AWS-owned key: set encryptionConfiguration { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId }`,
            );
        }
    },
});
