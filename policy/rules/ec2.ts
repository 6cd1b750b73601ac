// VPC networking: flow logs on every VPC, no ingress from the internet.
import { isKind } from "../lib/resource-types";
import { resourceRule, stackRule } from "../lib/rule";
import { PolicyResource } from "@pulumi/policy";
import { internetCoveredBy } from "../lib/cidr";
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

/** Ingress address blocks of one rule-like record (inline rule, SecurityGroupRule, vpc ingress rule). */
function ingressBlocks(props: Record<string, unknown>): unknown[] {
    return [...listOf(props.cidrBlocks), ...listOf(props.ipv6CidrBlocks), props.cidrIpv4, props.cidrIpv6];
}

function ports(props: Record<string, unknown>): string {
    return `${String(props.fromPort ?? "all")}-${String(props.toPort ?? "all")}`;
}

/** Standalone ingress rules of this stack attached to `group` through their securityGroupId. */
function standaloneIngress(group: PolicyResource, resources: PolicyResource[]): PolicyResource[] {
    return resources.filter(
        rule =>
            ((isKind(rule.type, "securityGroupRule") && rule.props.type === "ingress") || isKind(rule.type, "securityGroupIngressRule")) &&
            (rule.propertyDependencies.securityGroupId ?? []).some(dependency => dependency.urn === group.urn),
    );
}

export const securityGroupNoPublicIngress = stackRule({
    name: "security-group-no-public-ingress",
    description:
        "No security group admits traffic from the whole internet: 0.0.0.0/0, ::/0, or blocks that cover it together such as two /1s, inline or in separate rules (cdk-nag AwsSolutions-EC23, Security Hub EC2.18/19).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-EC23", "EC2.18", "EC2.19"],
    kinds: ["securityGroup", "securityGroupRule", "securityGroupIngressRule"],
    check: (subject, resources, report) => {
        if (!isKind(subject.type, "securityGroup")) {
            // A standalone rule on a group of this stack is judged with that group; others alone.
            const onStackGroup = (subject.propertyDependencies.securityGroupId ?? []).some(d => isKind(d.type, "securityGroup"));
            const ingress = isKind(subject.type, "securityGroupIngressRule") || subject.props.type === "ingress";
            const open = internetCoveredBy(ingressBlocks(subject.props));
            if (ingress && !onStackGroup && open.length > 0) {
                report(
                    `ingress rule ${subject.name} admits ${open.join(", ")}: name the address ranges or security groups that need access`,
                );
            }
            return;
        }
        const rules = [...listOf(subject.props.ingress).filter(isRecord), ...standaloneIngress(subject, resources).map(r => r.props)];
        const open = internetCoveredBy(rules.flatMap(ingressBlocks));
        if (open.length > 0) {
            const where = rules.filter(rule => ingressBlocks(rule).some(block => typeof block === "string")).map(ports);
            report(
                `security group ${subject.name} admits ingress from ${open.join(", ")} on ports ${[...new Set(where)].join(", ")}: name the address ranges or security groups that need access`,
            );
        }
    },
});

const adminPorts = [22, 3389];

function coversAdminPort(rule: Record<string, unknown>): boolean {
    const from = typeof rule.fromPort === "number" ? rule.fromPort : 0;
    const to = typeof rule.toPort === "number" ? rule.toPort : 65535;
    return String(rule.protocol) === "-1" || String(rule.protocol) === "all" || adminPorts.some(port => port >= from && port <= to);
}

export const networkAclNoPublicAdminPorts = resourceRule({
    name: "network-acl-no-public-admin-ports",
    description: "No network ACL allows ingress from the whole internet to SSH (22) or RDP (3389) (Security Hub EC2.21).",
    enforcementLevel: "mandatory",
    anchors: ["EC2.21"],
    kinds: ["networkAcl", "networkAclRule"],
    check: (acl, report) => {
        const rules = isKind(acl.type, "networkAclRule")
            ? acl.props.egress === true
                ? []
                : [{ ...acl.props, action: acl.props.ruleAction }]
            : listOf(acl.props.ingress).filter(isRecord);
        const allowing = rules.filter(rule => String(rule.action).toLowerCase() === "allow" && coversAdminPort(rule));
        const open = internetCoveredBy(allowing.flatMap(rule => [rule.cidrBlock, rule.ipv6CidrBlock]));
        if (open.length > 0) {
            report(`network ACL ${acl.name} allows ${open.join(", ")} to reach ports 22/3389: deny them or narrow cidrBlock`);
        }
    },
});

export const defaultSecurityGroupClosed = stackRule({
    name: "default-security-group-closed",
    description:
        "Every VPC adopts its default security group with no ingress and no egress rules, so nothing placed there by default can talk (Security Hub EC2.2).",
    enforcementLevel: "mandatory",
    anchors: ["EC2.2"],
    kinds: ["vpc", "awsxVpc"],
    check: (vpc, resources, report) => {
        // The aws:ec2/vpc:Vpc inside an awsx VPC is the same network as its parent.
        const network = [vpc.urn, ...(vpc.parent && isKind(vpc.parent.type, "awsxVpc") ? [vpc.parent.urn] : [])];
        const children = resources.filter(child => child.parent?.urn === vpc.urn && isKind(child.type, "vpc")).map(child => child.urn);
        const groups = resources.filter(
            group =>
                isKind(group.type, "defaultSecurityGroup") &&
                (group.propertyDependencies.vpcId ?? []).some(d => [...network, ...children].includes(d.urn)),
        );
        if (groups.length === 0) {
            report(`VPC ${vpc.name} leaves its default security group open: adopt it with aws.ec2.DefaultSecurityGroup and no rules`);
        }
        for (const group of groups) {
            const rules = [...listOf(group.props.ingress), ...listOf(group.props.egress)];
            if (rules.length > 0) {
                report(`default security group ${group.name} of VPC ${vpc.name} has ${rules.length} rule(s): set ingress and egress to []`);
            }
        }
    },
});

export const securityGroupDescribed = resourceRule({
    name: "security-group-described",
    description:
        'Security groups say what they admit: a description other than the SDK\'s "Managed by Pulumi" (cdk-nag AwsSolutions-EC27).',
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-EC27"],
    kinds: ["securityGroup"],
    check: (group, report) => {
        const description = group.props.description;
        if (typeof description !== "string" || description.trim().length < 2 || description === "Managed by Pulumi") {
            report(`security group ${group.name} has no description of its own: set description to what it admits and why`);
        }
    },
});

/** Whether a rule-like record sends traffic to the whole internet. */
function egressToInternet(props: Record<string, unknown>): boolean {
    return [...listOf(props.cidrBlocks), props.cidrIpv4].some(block => block === "0.0.0.0/0");
}

export const internetEgressNeedsNat = stackRule({
    name: "internet-egress-needs-nat",
    description:
        "A security group that lets its members reach the internet (egress to 0.0.0.0/0, e.g. a rest_api source's fetcher) is useless in a stack without a NAT gateway: the private tier has no route out (natStrategy None).",
    enforcementLevel: "advisory",
    anchors: [],
    kinds: ["securityGroup", "securityGroupEgressRule"],
    check: (subject, resources, report) => {
        const internet = isKind(subject.type, "securityGroup")
            ? listOf(subject.props.egress).some(rule => isRecord(rule) && egressToInternet(rule))
            : egressToInternet(subject.props);
        if (internet && !resources.some(resource => isKind(resource.type, "natGateway"))) {
            report(
                `${subject.name} allows egress to 0.0.0.0/0, but the stack has no NAT gateway, so nothing in the private subnets reaches the internet: set natStrategy to Single or OnePerAz`,
            );
        }
    },
});
