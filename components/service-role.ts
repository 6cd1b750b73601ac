// The one way this program makes an IAM role for an AWS service: trust pinned to this account, an
// inline policy of named actions on named resources, checked for least privilege before anything is
// created (Lambda execution roles, flow logs, API Gateway's logging role alike).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { assertLeastPrivilege, policyDocument, PolicyStatement, serviceTrustPolicy } from "./iam";

export interface ServiceRoleArgs {
    /** The service principal that assumes the role, e.g. `lambda.amazonaws.com`. */
    service: string;
    accountId: pulumi.Input<string>;
    statements: PolicyStatement[];
    description?: string;
    tags?: Record<string, string>;
}

export interface ServiceRole {
    role: aws.iam.Role;
    policy: aws.iam.RolePolicy;
}

/** A role and its inline policy, both named `name`. Throws when a statement is not least privilege. */
export function serviceRole(name: string, args: ServiceRoleArgs, opts: pulumi.CustomResourceOptions): ServiceRole {
    assertLeastPrivilege(`role ${name}`, args.statements);
    const role = new aws.iam.Role(
        name,
        {
            ...(args.description === undefined ? {} : { description: args.description }),
            assumeRolePolicy: serviceTrustPolicy(args.service, args.accountId),
            tags: args.tags,
        },
        opts,
    );
    const policy = new aws.iam.RolePolicy(name, { role: role.id, policy: policyDocument(args.statements) }, opts);
    return { role, policy };
}
