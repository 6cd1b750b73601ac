// Least privilege: no broad AWS-managed policies, no wildcard actions.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { allowStatements, isWildcardAction } from "../lib/policy-documents";
import { isKind } from "../lib/resource-types";
import { isRecord, knownOrUnknown, listOf } from "../lib/values";

const broadManagedPolicy = /^arn:aws[\w-]*:iam::aws:policy\/(.*FullAccess.*|.*PowerUser.*|AdministratorAccess)$/;

export const iamNoBroadManagedPolicies: ResourceValidationPolicy = {
    name: "iam-no-broad-managed-policies",
    description:
        "No role gets an AWS-managed *FullAccess, PowerUser or AdministratorAccess policy (cdk-nag AwsSolutions-IAM4); CallbackFunction's defaults attach nine of them.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        // AWS-managed ARNs are literals; an ARN unknown at preview is a policy created in this stack.
        const arns = isKind(args.type, "policyAttachment")
            ? [knownOrUnknown(() => args.props.policyArn)]
            : isKind(args.type, "role")
              ? listOf(knownOrUnknown(() => args.props.managedPolicyArns))
              : [];
        for (const arn of arns) {
            if (typeof arn === "string" && broadManagedPolicy.test(arn)) {
                report(`${args.name} grants the AWS-managed policy ${arn}; grant named actions on named resources instead`);
            }
        }
    },
};

export const iamNoWildcardActions: ResourceValidationPolicy = {
    name: "iam-no-wildcard-actions",
    description: 'No IAM policy allows Action "*" or "<service>:*" (cdk-nag AwsSolutions-IAM5, Security Hub IAM.1/IAM.21).',
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const documents =
            isKind(args.type, "rolePolicy") || isKind(args.type, "iamPolicy")
                ? [args.props.policy]
                : isKind(args.type, "role")
                  ? listOf(args.props.inlinePolicies)
                        .filter(isRecord)
                        .map(inline => inline.policy)
                  : [];
        for (const document of documents) {
            for (const statement of allowStatements(document)) {
                const wildcards = statement.actions.filter(isWildcardAction);
                if (wildcards.length > 0) {
                    report(`${args.name} allows ${wildcards.join(", ")}; name the actions the workload calls`);
                }
            }
        }
    },
};
