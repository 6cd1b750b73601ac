import { expect } from "chai";
import { securityGroupNoPublicIngress, vpcFlowLogsEnabled } from "../../policy/rules/ec2";
import { check, resource, unknownAtPreview } from "../support/policy";

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
        expect(violations[0].message).to.equal(
            "security group open admits ingress from 0.0.0.0/0 on ports 22-22: name the address ranges or security groups that need access",
        );
    });
});
