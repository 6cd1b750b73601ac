// Least privilege: no broad AWS-managed policies, no wildcard actions.
import { allowStatements, isWildcardAction } from "../lib/policy-documents";
import { resourceRule, Subject } from "../lib/rule";
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

/** The policy documents a role, role policy or managed policy carries. */
function documentsOf(holder: Subject): unknown[] {
    return isKind(holder.type, "role")
        ? listOf(holder.props.inlinePolicies)
              .filter(isRecord)
              .map(inline => inline.policy)
        : [holder.props.policy];
}

export const iamNoWildcardActions = resourceRule({
    name: "iam-no-wildcard-actions",
    description:
        'No IAM policy allows Action "*" or "<service>:*", or allows by NotAction or NotResource (cdk-nag AwsSolutions-IAM5, Security Hub IAM.1/IAM.21).',
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-IAM5", "IAM.21", "IAM.1", "Serverless-LambdaStarPermissions"],
    unknownAtPreview: "a policy document given as a JSON string built from ARNs of this stack",
    kinds: ["rolePolicy", "iamPolicy", "role", "iamUserPolicy"],
    check: (holder, report) => {
        for (const document of documentsOf(holder)) {
            for (const statement of allowStatements(document)) {
                const wildcards = statement.actions.filter(isWildcardAction);
                if (wildcards.length > 0) {
                    report(`${holder.name} allows ${wildcards.join(", ")}; name the actions the workload calls`);
                }
                if (statement.notActions !== undefined) {
                    report(
                        `${holder.name} allows every action except ${statement.notActions.join(", ")} (NotAction); list the allowed actions in Action instead`,
                    );
                }
                if (statement.notResources !== undefined) {
                    report(
                        `${holder.name} allows on every resource except ${statement.notResources.join(", ")} (NotResource); list the resources in Resource instead`,
                    );
                }
            }
        }
    },
});

const decryptActions = /^kms:(\*|Decrypt|ReEncrypt\*|ReEncryptFrom)$/i;

export const iamNoDecryptOnAllKeys = resourceRule({
    name: "iam-no-decrypt-on-all-keys",
    description: "No IAM policy allows kms:Decrypt or kms:ReEncryptFrom on every key (Security Hub KMS.1/KMS.2).",
    enforcementLevel: "mandatory",
    anchors: ["KMS.1"],
    unknownAtPreview: "the Resource of a statement allowing kms:Decrypt, when it names a key of this stack",
    kinds: ["rolePolicy", "iamPolicy", "role", "iamUserPolicy"],
    check: (holder, report) => {
        for (const document of documentsOf(holder)) {
            for (const statement of allowStatements(document)) {
                const decrypting = statement.actions.filter(action => action === "*" || decryptActions.test(action));
                if (decrypting.length > 0 && (statement.resources().includes("*") || statement.notResources !== undefined)) {
                    report(`${holder.name} allows ${decrypting.join(", ")} on every KMS key; set Resource to the key ARNs it needs`);
                }
            }
        }
    },
});

export const iamNoUsersOrAccessKeys = resourceRule({
    name: "iam-no-users-or-access-keys",
    description:
        "The stack creates no IAM users, user policies or access keys: workloads use roles, people use SSO (Security Hub IAM.2, cdk-nag IAMUserNoPolicies); an access key's secret would sit in the state.",
    enforcementLevel: "mandatory",
    anchors: ["IAM.2", "x-iam-access-keys"],
    kinds: ["iamUser", "iamUserPolicy", "iamUserPolicyAttachment", "iamAccessKey"],
    check: (grant, report) => {
        const what = isKind(grant.type, "iamAccessKey")
            ? "a long-lived access key"
            : isKind(grant.type, "iamUser")
              ? "an IAM user"
              : "a policy on an IAM user";
        report(`${grant.type} ${grant.name} creates ${what}: give the workload a role (and people SSO) instead`);
    },
});
