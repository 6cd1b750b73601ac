// Private networking: flow logs on every VPC, no ingress from the internet, Lambdas inside the VPC.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { subnetPlacementPolicy } from "../lib/subnets";
import { isRecord, knownOrUnknown, listOf, unknown } from "../lib/values";

export const vpcFlowLogsEnabled: StackValidationPolicy = {
    name: "vpc-flow-logs-enabled",
    description: "Every VPC has a flow log (cdk-nag AwsSolutions-VPC7, Security Hub EC2.6).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        const logged = new Set<string>();
        for (const flowLog of args.resources.filter(resource => isKind(resource.type, "flowLog"))) {
            for (const target of flowLog.propertyDependencies.vpcId ?? []) {
                logged.add(target.urn);
            }
        }
        for (const vpc of args.resources) {
            const isAwsVpc = isKind(vpc.type, "vpc");
            if (!isAwsVpc && !isKind(vpc.type, "awsxVpc")) {
                continue;
            }
            // An awsx VPC and the aws:ec2/vpc:Vpc it creates are one network: a flow log on either covers both.
            const related =
                isAwsVpc && vpc.parent && isKind(vpc.parent.type, "awsxVpc")
                    ? [vpc.urn, vpc.parent.urn]
                    : [
                          vpc.urn,
                          ...args.resources
                              .filter(child => child.parent?.urn === vpc.urn && isKind(child.type, "vpc"))
                              .map(child => child.urn),
                      ];
            if (!related.some(urn => logged.has(urn))) {
                report(`VPC ${vpc.name} has no flow log`, vpc.urn);
            }
        }
    },
};

const openCidrs = ["0.0.0.0/0", "::/0"];

function openCidrsIn(values: unknown[]): string[] {
    return values.filter((value): value is string => typeof value === "string" && openCidrs.includes(value));
}

export const securityGroupNoPublicIngress: ResourceValidationPolicy = {
    name: "security-group-no-public-ingress",
    description: "No security group admits traffic from 0.0.0.0/0 or ::/0 (cdk-nag AwsSolutions-EC23, Security Hub EC2.18/19).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        const props = args.props;
        if (isKind(args.type, "securityGroup")) {
            for (const rule of listOf(props.ingress).filter(isRecord)) {
                const open = openCidrsIn([...listOf(rule.cidrBlocks), ...listOf(rule.ipv6CidrBlocks)]);
                if (open.length > 0) {
                    report(
                        `security group ${args.name} admits ingress from ${open.join(", ")} on ports ${String(rule.fromPort)}-${String(rule.toPort)}`,
                    );
                }
            }
        } else if (isKind(args.type, "securityGroupRule") && props.type === "ingress") {
            const open = openCidrsIn([...listOf(props.cidrBlocks), ...listOf(props.ipv6CidrBlocks)]);
            if (open.length > 0) {
                report(`security group rule ${args.name} admits ingress from ${open.join(", ")}`);
            }
        } else if (isKind(args.type, "securityGroupIngressRule")) {
            const open = openCidrsIn([props.cidrIpv4, props.cidrIpv6]);
            if (open.length > 0) {
                report(`ingress rule ${args.name} admits traffic from ${open.join(", ")}`);
            }
        }
    },
};

export const lambdaInVpc: ResourceValidationPolicy = {
    name: "lambda-in-vpc",
    description: "Every Lambda function runs attached to the VPC, with subnets and a security group (Security Hub Lambda.3).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "lambdaFunction")) {
            return;
        }
        const vpcConfig = args.props.vpcConfig;
        if (!isRecord(vpcConfig)) {
            report(`Lambda ${args.name} has no vpcConfig: it runs outside the VPC`);
            return;
        }
        for (const property of ["subnetIds", "securityGroupIds"]) {
            // Ids wired to resources being created are unknown at preview: present, so attached.
            const value = knownOrUnknown(() => vpcConfig[property]);
            if (value !== unknown && listOf(value).length === 0) {
                report(`Lambda ${args.name} has no ${property} in its vpcConfig`);
            }
        }
    },
};

export const lambdaInPrivateSubnets: StackValidationPolicy = subnetPlacementPolicy({
    name: "lambda-in-private-subnets",
    description: "Lambda functions run in private or isolated subnets of this stack, never in public ones.",
    placements: { "aws:lambda/function:Function": "vpcConfig" },
    allowedTiers: ["private", "isolated"],
});
