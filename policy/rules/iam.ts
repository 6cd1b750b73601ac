// Least privilege: no broad AWS-managed policies, no wildcard actions.
import { allowStatements, isWildcardAction } from "../lib/policy-documents";
import { resourceRule } from "../lib/rule";
import { isKind } from "../lib/resource-types";
import { isRecord, knownOrUnknown, listOf } from "../lib/values";

const broadManagedPolicy = /^arn:aws[\w-]*:iam::aws:policy\/(.*FullAccess.*|.*PowerUser.*|AdministratorAccess)$/;

export const iamNoBroadManagedPolicies = resourceRule({
    name: "iam-no-broad-managed-policies",
    description:
        "No role gets an AWS-managed *FullAccess, PowerUser or AdministratorAccess policy (cdk-nag AwsSolutions-IAM4); CallbackFunction's defaults attach nine of them.",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-IAM4"],
    kinds: ["policyAttachment", "role"],
    check: (grant, report) => {
        // AWS-managed ARNs are literals; an ARN unknown at preview is a policy created in this stack.
        const arns = isKind(grant.type, "policyAttachment")
            ? [knownOrUnknown(() => grant.props.policyArn)]
            : listOf(knownOrUnknown(() => grant.props.managedPolicyArns));
        for (const arn of arns) {
            if (typeof arn === "string" && broadManagedPolicy.test(arn)) {
                report(`${grant.name} grants the AWS-managed policy ${arn}; grant named actions on named resources instead`);
            }
        }
    },
});

export const iamNoWildcardActions = resourceRule({
    name: "iam-no-wildcard-actions",
    description: 'No IAM policy allows Action "*" or "<service>:*" (cdk-nag AwsSolutions-IAM5, Security Hub IAM.1/IAM.21).',
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-IAM5", "IAM.21", "IAM.1", "Serverless-LambdaStarPermissions"],
    unknownAtPreview: "a policy document given as a JSON string built from ARNs of this stack",
    kinds: ["rolePolicy", "iamPolicy", "role"],
    check: (holder, report) => {
        const documents = isKind(holder.type, "role")
            ? listOf(holder.props.inlinePolicies)
                  .filter(isRecord)
                  .map(inline => inline.policy)
            : [holder.props.policy];
        for (const document of documents) {
            for (const statement of allowStatements(document)) {
                const wildcards = statement.actions.filter(isWildcardAction);
                if (wildcards.length > 0) {
                    report(`${holder.name} allows ${wildcards.join(", ")}; name the actions the workload calls`);
                }
            }
        }
    },
});
