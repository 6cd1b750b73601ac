import { expect } from "chai";
import { lambdaInPrivateSubnets, lambdaInVpc, securityGroupNoPublicIngress, vpcFlowLogsEnabled } from "../../policy/rules/network";
import { check, resource, unknownAtPreview } from "../support/policy";

const subnet = (name: string, tier: string, extra: Record<string, unknown> = {}) =>
    resource("aws:ec2/subnet:Subnet", name, {
        mapPublicIpOnLaunch: tier === "public",
        tags: { "dataplatform:tier": tier, SubnetType: tier },
        ...extra,
    });

describe("policy: vpc-flow-logs-enabled", () => {
    it("passes a VPC with a flow log, whether it targets the awsx component or its VPC", async () => {
        const awsxVpc = resource("awsx:ec2:Vpc", "net", {});
        const innerVpc = resource("aws:ec2/vpc:Vpc", "net", {}, { parent: awsxVpc });
        const flowLog = resource("aws:ec2/flowLog:FlowLog", "log", { trafficType: "ALL" }, { propertyDependencies: { vpcId: [awsxVpc] } });
        expect(await check([vpcFlowLogsEnabled], awsxVpc, innerVpc, flowLog)).to.deep.equal([]);
        const directLog = resource("aws:ec2/flowLog:FlowLog", "log2", {}, { propertyDependencies: { vpcId: [innerVpc] } });
        expect(await check([vpcFlowLogsEnabled], awsxVpc, innerVpc, directLog)).to.deep.equal([]);
    });

    it("reports each VPC without one, as mandatory", async () => {
        const vpc = resource("aws:ec2/vpc:Vpc", "bare", {});
        const violations = await check([vpcFlowLogsEnabled], vpc);
        expect(violations).to.deep.equal([
            { policy: "vpc-flow-logs-enabled", level: "mandatory", urn: vpc.urn, message: "VPC bare has no flow log" },
        ]);
    });
});

describe("policy: security-group-no-public-ingress", () => {
    it("passes ingress from security groups and private CIDRs", async () => {
        const sg = resource("aws:ec2/securityGroup:SecurityGroup", "db", {
            ingress: [
                { protocol: "tcp", fromPort: 5432, toPort: 5432, securityGroups: [unknownAtPreview] },
                { fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"] },
            ],
        });
        expect(await check([securityGroupNoPublicIngress], sg)).to.deep.equal([]);
    });

    it("reports 0.0.0.0/0 and ::/0 in inline rules, rule resources and ingress-rule resources", async () => {
        const inline = resource("aws:ec2/securityGroup:SecurityGroup", "open", {
            ingress: [{ fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }],
        });
        const rule = resource("aws:ec2/securityGroupRule:SecurityGroupRule", "rule", { type: "ingress", ipv6CidrBlocks: ["::/0"] });
        const egressRule = resource("aws:ec2/securityGroupRule:SecurityGroupRule", "egress", { type: "egress", cidrBlocks: ["0.0.0.0/0"] });
        const vpcRule = resource("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "vpc-rule", { cidrIpv4: "0.0.0.0/0" });
        const violations = await check([securityGroupNoPublicIngress], inline, rule, egressRule, vpcRule);
        expect(violations.map(v => [v.urn, v.level])).to.deep.equal([
            [inline.urn, "mandatory"],
            [rule.urn, "mandatory"],
            [vpcRule.urn, "mandatory"],
        ]);
        expect(violations[0].message).to.equal("security group open admits ingress from 0.0.0.0/0 on ports 22-22");
    });
});

describe("policy: lambda-in-vpc", () => {
    it("passes a function whose subnets and security groups are unknown at preview", async () => {
        const fn = resource("aws:lambda/function:Function", "fn", {
            vpcConfig: { subnetIds: unknownAtPreview, securityGroupIds: [unknownAtPreview] },
        });
        expect(await check([lambdaInVpc], fn)).to.deep.equal([]);
    });

    it("reports a function outside the VPC or with empty subnets", async () => {
        const outside = resource("aws:lambda/function:Function", "outside", { runtime: "nodejs24.x" });
        const empty = resource("aws:lambda/function:Function", "empty", { vpcConfig: { subnetIds: [], securityGroupIds: ["sg-1"] } });
        const violations = await check([lambdaInVpc], outside, empty);
        expect(violations.map(v => v.message)).to.deep.equal([
            "Lambda outside has no vpcConfig: it runs outside the VPC",
            "Lambda empty has no subnetIds in its vpcConfig",
        ]);
    });
});

describe("policy: lambda-in-private-subnets", () => {
    it("passes functions whose vpcConfig depends on private or isolated subnets", async () => {
        const subnets = [subnet("p1", "private"), subnet("i1", "isolated")];
        const fn = resource(
            "aws:lambda/function:Function",
            "fn",
            { vpcConfig: { subnetIds: unknownAtPreview } },
            { propertyDependencies: { vpcConfig: subnets } },
        );
        expect(await check([lambdaInPrivateSubnets], fn, ...subnets)).to.deep.equal([]);
    });

    it("reports public subnets, subnets that assign public IPs, untagged subnets and unverifiable placement", async () => {
        const pub = subnet("pub", "public");
        const sneaky = subnet("sneaky", "private", { mapPublicIpOnLaunch: true });
        const untagged = resource("aws:ec2/subnet:Subnet", "untagged", { tags: {} });
        const inPublic = resource(
            "aws:lambda/function:Function",
            "in-public",
            { vpcConfig: {} },
            { propertyDependencies: { vpcConfig: [pub, sneaky, untagged] } },
        );
        const fromConfig = resource("aws:lambda/function:Function", "from-config", { vpcConfig: { subnetIds: ["subnet-123"] } });
        const violations = await check([lambdaInPrivateSubnets], inPublic, fromConfig, pub, sneaky, untagged);
        expect(violations.map(v => v.message)).to.deep.equal([
            "aws:lambda/function:Function in-public is placed in subnet pub, which assigns public IPs",
            "aws:lambda/function:Function in-public is placed in subnet sneaky, which assigns public IPs",
            "aws:lambda/function:Function in-public is placed in subnet untagged of tier (untagged); allowed: private, isolated",
            "aws:lambda/function:Function from-config: cannot verify its subnets: vpcConfig depends on no subnet of this stack",
        ]);
        expect(violations.every(v => v.level === "mandatory")).to.equal(true);
    });
});
