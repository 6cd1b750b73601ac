// IAM policy documents built as objects, never as JSON strings: nested Outputs (ARNs) then
// resolve leaf by leaf, so a preview still knows every Action and a policy can check it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export type ConditionBlock = Record<string, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>;

/** One Allow statement: named actions on named resources. */
export interface PolicyStatement {
    sid?: string;
    actions: string[];
    resources: pulumi.Input<string>[];
    condition?: ConditionBlock;
}

/** Actions AWS only authorises on Resource "*"; no resource ARN can scope them. */
const actionsOnlyOnAnyResource = [
    /^ec2:Describe[A-Za-z]+$/,
    /^xray:(PutTraceSegments|PutTelemetryRecords|GetSamplingRules|GetSamplingTargets)$/,
    /^cloudwatch:PutMetricData$/,
    // Statements of the Redshift Data API have no ARN; AWS scopes them to their caller.
    /^redshift-data:(DescribeStatement|GetStatementResult|CancelStatement)$/,
    // Vended log delivery (Step Functions logging) is authorised on "*" only.
    /^logs:(CreateLogDelivery|GetLogDelivery|UpdateLogDelivery|DeleteLogDelivery|ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups)$/,
];

/** Throws when a statement grants "*" actions, or a scoped action on Resource "*". */
export function assertLeastPrivilege(owner: string, statements: PolicyStatement[]): void {
    for (const statement of statements) {
        if (statement.actions.length === 0 || statement.resources.length === 0) {
            throw new Error(`${owner}: an IAM statement needs at least one action and one resource`);
        }
        for (const action of statement.actions) {
            if (action === "*" || action.endsWith(":*")) {
                throw new Error(`${owner}: IAM action ${JSON.stringify(action)} is a wildcard; name the actions`);
            }
            const onAnyResource = statement.resources.some(resource => resource === "*");
            if (onAnyResource && !actionsOnlyOnAnyResource.some(pattern => pattern.test(action))) {
                throw new Error(`${owner}: IAM action ${action} is granted on Resource "*"; scope it to resource ARNs`);
            }
        }
    }
}

/**
 * A policy document from statements. The cast is deliberate: `aws.iam.PolicyDocument` types its
 * leaves as plain strings, while Pulumi serializes nested Inputs inside any input object.
 */
export function policyDocument(statements: PolicyStatement[]): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: statements.map(statement => ({
            ...(statement.sid ? { Sid: statement.sid } : {}),
            Effect: "Allow",
            Action: statement.actions,
            Resource: statement.resources,
            ...(statement.condition ? { Condition: statement.condition } : {}),
        })),
    } as unknown as aws.iam.PolicyDocument;
}

/** Trust policy for a service principal, pinned to this account (confused-deputy guard). */
export function serviceTrustPolicy(service: string, accountId: pulumi.Input<string>): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Principal: { Service: service },
                Action: "sts:AssumeRole",
                Condition: { StringEquals: { "aws:SourceAccount": accountId } },
            },
        ],
    } as unknown as aws.iam.PolicyDocument;
}

/** Statement letting a role use the platform key for envelope encryption (SQS, logs, secrets). */
export function keyUseStatement(keyArn: pulumi.Input<string>): PolicyStatement {
    return { sid: "UsePlatformKey", actions: ["kms:Decrypt", "kms:GenerateDataKey"], resources: [keyArn] };
}

/** Statement refusing any request made without TLS (S3, SQS and SNS resource policies). */
export function denyInsecureTransportStatement(
    action: string,
    resources: pulumi.Input<string> | pulumi.Input<string>[],
): Record<string, unknown> {
    return {
        Sid: "DenyInsecureTransport",
        Effect: "Deny",
        Principal: "*",
        Action: action,
        Resource: resources,
        Condition: { Bool: { "aws:SecureTransport": "false" } },
    };
}

/** A resource policy that only refuses requests made without TLS. */
export function denyInsecureTransportPolicy(
    action: string,
    resources: pulumi.Input<string> | pulumi.Input<string>[],
): aws.iam.PolicyDocument {
    return { Version: "2012-10-17", Statement: [denyInsecureTransportStatement(action, resources)] } as unknown as aws.iam.PolicyDocument;
}
