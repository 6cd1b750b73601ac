// VPC networking: flow logs on every VPC, no ingress from the internet.
import { isKind } from "../lib/resource-types";
import { resourceRule, stackRule } from "../lib/rule";
import { isRecord, listOf } from "../lib/values";

export const vpcFlowLogsEnabled = stackRule({
    name: "vpc-flow-logs-enabled",
    description: "Every VPC has a flow log (cdk-nag AwsSolutions-VPC7, Security Hub EC2.6).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-VPC7", "EC2.6"],
    kinds: ["vpc", "awsxVpc"],
    check: (vpc, resources, report) => {
        const logged = resources
            .filter(resource => isKind(resource.type, "flowLog"))
            .flatMap(flowLog => (flowLog.propertyDependencies.vpcId ?? []).map(target => target.urn));
        // An awsx VPC and the aws:ec2/vpc:Vpc it creates are one network: a flow log on either covers both.
        const related =
            isKind(vpc.type, "vpc") && vpc.parent && isKind(vpc.parent.type, "awsxVpc")
                ? [vpc.urn, vpc.parent.urn]
                : [
                      vpc.urn,
                      ...resources.filter(child => child.parent?.urn === vpc.urn && isKind(child.type, "vpc")).map(child => child.urn),
                  ];
        if (!related.some(urn => logged.includes(urn))) {
            report(`VPC ${vpc.name} has no flow log`);
        }
    },
});

const openCidrs = ["0.0.0.0/0", "::/0"];

function openCidrsIn(values: unknown[]): string[] {
    return values.filter((value): value is string => typeof value === "string" && openCidrs.includes(value));
}

export const securityGroupNoPublicIngress = resourceRule({
    name: "security-group-no-public-ingress",
    description: "No security group admits traffic from 0.0.0.0/0 or ::/0 (cdk-nag AwsSolutions-EC23, Security Hub EC2.18/19).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-EC23", "EC2.18", "EC2.19"],
    kinds: ["securityGroup", "securityGroupRule", "securityGroupIngressRule"],
    check: (group, report) => {
        const props = group.props;
        if (isKind(group.type, "securityGroup")) {
            for (const rule of listOf(props.ingress).filter(isRecord)) {
                const open = openCidrsIn([...listOf(rule.cidrBlocks), ...listOf(rule.ipv6CidrBlocks)]);
                if (open.length > 0) {
                    report(
                        `security group ${group.name} admits ingress from ${open.join(", ")} on ports ${String(rule.fromPort)}-${String(rule.toPort)}`,
                    );
                }
            }
        } else if (isKind(group.type, "securityGroupRule") && props.type === "ingress") {
            const open = openCidrsIn([...listOf(props.cidrBlocks), ...listOf(props.ipv6CidrBlocks)]);
            if (open.length > 0) {
                report(`security group rule ${group.name} admits ingress from ${open.join(", ")}`);
            }
        } else if (isKind(group.type, "securityGroupIngressRule")) {
            const open = openCidrsIn([props.cidrIpv4, props.cidrIpv6]);
            if (open.length > 0) {
                report(`ingress rule ${group.name} admits traffic from ${open.join(", ")}`);
            }
        }
    },
});
