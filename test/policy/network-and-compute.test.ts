// The rules added for shapes and services the first pack did not read: ingress that covers the
// internet together, network ACLs, the default security group, EC2 instances and EBS volumes.
import { expect } from "chai";
import { ebsEncrypted } from "../../policy/rules/ebs";
import {
    defaultSecurityGroupClosed,
    networkAclNoPublicAdminPorts,
    securityGroupDescribed,
    securityGroupNoPublicIngress,
} from "../../policy/rules/ec2";
import { ec2Imdsv2Required, ec2InPrivateSubnets, ec2NoPublicIp } from "../../policy/rules/ec2-instances";
import { judge, resource, unknownAtPreview, verdicts } from "../support/policy";
import { describeRule } from "../support/rule-cases";

const groupType = "aws:ec2/securityGroup:SecurityGroup";
const halves = ["0.0.0.0/1", "128.0.0.0/1"];

describeRule({
    rule: securityGroupNoPublicIngress,
    type: groupType,
    compliant: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16", "0.0.0.0/1"] }] },
    violating: {
        "two /1s that together are 0.0.0.0/0": { ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: halves }] },
        "the two halves in two inline rules": {
            ingress: [
                { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [halves[0]] },
                { protocol: "tcp", fromPort: 80, toPort: 80, cidrBlocks: [halves[1]] },
            ],
        },
        "IPv6 halves": { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["::/1", "8000::/1"] }] },
    },
    unknown: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: unknownAtPreview }] },
});

describe("policy: security-group-no-public-ingress (separate rule resources)", () => {
    it("adds up the blocks of every rule resource attached to a group, and judges an unattached rule alone", async () => {
        const group = resource(groupType, "split", { description: "x" });
        const first = resource(
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
            "split-a",
            { cidrIpv4: halves[0], fromPort: 22, toPort: 22 },
            { propertyDependencies: { securityGroupId: [group] } },
        );
        const second = resource(
            "aws:ec2/securityGroupRule:SecurityGroupRule",
            "split-b",
            { type: "ingress", cidrBlocks: [halves[1]], fromPort: 22, toPort: 22 },
            { propertyDependencies: { securityGroupId: [group] } },
        );
        const loose = resource("aws:ec2/securityGroupRule:SecurityGroupRule", "loose", { type: "ingress", cidrBlocks: halves });
        const violations = await judge([securityGroupNoPublicIngress], group, first, second, loose);
        expect(verdicts(violations)).to.deep.equal([
            "security-group-no-public-ingress mandatory split",
            "security-group-no-public-ingress mandatory loose",
        ]);
        expect(violations[0].message).to.contain("0.0.0.0/1 + 128.0.0.0/1 (together 0.0.0.0/0)");
    });
});

describeRule({
    rule: networkAclNoPublicAdminPorts,
    type: "aws:ec2/networkAcl:NetworkAcl",
    compliant: { ingress: [{ action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0", ruleNo: 100 }] },
    violating: {
        "SSH from anywhere": {
            ingress: [{ action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0", ruleNo: 100 }],
        },
        "all traffic from two /1s": {
            ingress: halves.map((cidrBlock, index) => ({
                action: "allow",
                protocol: "-1",
                fromPort: 0,
                toPort: 0,
                cidrBlock,
                ruleNo: 100 + index,
            })),
        },
    },
    unknown: { ingress: [{ action: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: unknownAtPreview, ruleNo: 100 }] },
});

describeRule({
    rule: defaultSecurityGroupClosed,
    type: "aws:ec2/vpc:Vpc",
    compliant: {},
    violating: { "a VPC whose default group admits traffic": {} },
    unknown: {},
    build: (name, props) => {
        const vpc = resource("aws:ec2/vpc:Vpc", name, props);
        const rules = name === "pending" ? unknownAtPreview : name === "bad" ? [{ protocol: "-1", self: true }] : [];
        const group = resource(
            "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
            `${name}-default`,
            { vpcId: unknownAtPreview, ingress: rules, egress: [] },
            { propertyDependencies: { vpcId: [vpc] } },
        );
        return [vpc, group];
    },
});

describe("policy: default-security-group-closed (not adopted)", () => {
    it("reports a VPC that does not adopt its default security group", async () => {
        expect(verdicts(await judge([defaultSecurityGroupClosed], resource("aws:ec2/vpc:Vpc", "bare", {})))).to.deep.equal([
            "default-security-group-closed mandatory bare",
        ]);
    });
});

describeRule({
    rule: securityGroupDescribed,
    type: groupType,
    compliant: { description: "PostgreSQL from the loader only" },
    violating: { "the SDK default": { description: "Managed by Pulumi" }, "no description": {} },
    unknown: { description: unknownAtPreview },
});

const instanceType = "aws:ec2/instance:Instance";
const encryptedRoot = { rootBlockDevice: { encrypted: true, kmsKeyId: unknownAtPreview } };

describeRule({
    rule: ec2Imdsv2Required,
    type: instanceType,
    compliant: { metadataOptions: { httpTokens: "required" } },
    violating: { "the IMDSv1 default": {}, "optional tokens": { metadataOptions: { httpTokens: "optional" } } },
    unknown: { metadataOptions: { httpTokens: unknownAtPreview } },
});

describeRule({
    rule: ec2NoPublicIp,
    type: "aws:ec2/launchTemplate:LaunchTemplate",
    compliant: { networkInterfaces: [{ associatePublicIpAddress: "false" }] },
    violating: {
        "a public interface": { networkInterfaces: [{ associatePublicIpAddress: "true" }] },
        "a public instance flag": { associatePublicIpAddress: true },
    },
    unknown: { associatePublicIpAddress: unknownAtPreview },
});

describeRule({
    rule: ec2InPrivateSubnets,
    type: instanceType,
    compliant: {},
    violating: { "an instance in a public subnet": {} },
    unknown: {},
    build: (name, props) => {
        const tags = name === "pending" ? unknownAtPreview : { "dataplatform:tier": name === "bad" ? "public" : "private" };
        const subnet = resource("aws:ec2/subnet:Subnet", `${name}-subnet`, { tags });
        return [
            resource(instanceType, name, { ...props, subnetId: unknownAtPreview }, { propertyDependencies: { subnetId: [subnet] } }),
            subnet,
        ];
    },
});

describeRule({
    rule: ebsEncrypted,
    type: instanceType,
    compliant: { ...encryptedRoot, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: true }] },
    violating: {
        "an unencrypted root volume (the default)": {},
        "an unencrypted data volume": { ...encryptedRoot, ebsBlockDevices: [{ deviceName: "/dev/sdf", encrypted: false }] },
    },
    unknown: { rootBlockDevice: { encrypted: unknownAtPreview } },
});

describeRule({
    rule: ebsEncrypted,
    type: "aws:ebs/volume:Volume",
    compliant: { availabilityZone: "us-east-1a", size: 10, encrypted: true, kmsKeyId: unknownAtPreview },
    violating: { "an unencrypted volume": { availabilityZone: "us-east-1a", size: 10 } },
    unknown: { availabilityZone: "us-east-1a", size: 10, encrypted: unknownAtPreview },
});
