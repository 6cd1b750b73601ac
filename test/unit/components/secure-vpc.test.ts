import { expect } from "chai";
import { subnetTierTag } from "../../../components/defaults/vpc-defaults";
import { SecureVpc } from "../../../components/secure-vpc";
import { mockSubnetId } from "../../../scripts/plan/mocks";
import { childrenOf, mocked, ofType, promiseOf, single } from "../../support/pulumi";
import { testPlatform } from "../../support/platform";

type Rule = {
    protocol?: string;
    fromPort?: number;
    toPort?: number;
    cidrBlocks?: string[];
    securityGroups?: string[];
    prefixListIds?: string[];
};

describe("SecureVpc", () => {
    before(mocked);

    it("builds an awsx VPC with explicit NAT and subnet strategies, private and isolated tiers only", async () => {
        const { network } = testPlatform("vpc-none");
        const vpc = single(await childrenOf(network.urn), "awsx:ec2:Vpc");
        expect(vpc.inputs.natGateways).to.deep.equal({ strategy: "None" });
        expect(vpc.inputs.subnetStrategy).to.equal("Auto");
        expect(vpc.inputs.numberOfAvailabilityZones).to.equal(3);
        expect(vpc.inputs.enableDnsHostnames).to.equal(true);
        expect(vpc.inputs.enableDnsSupport).to.equal(true);
        const specs = vpc.inputs.subnetSpecs as { type: string; tags: Record<string, string> }[];
        expect(specs.map(s => s.type)).to.deep.equal(["Private", "Isolated"]);
        expect(specs.map(s => s.tags[subnetTierTag])).to.deep.equal(["private", "isolated"]);
        const endpoints = vpc.inputs.vpcEndpointSpecs as { serviceName: string; vpcEndpointType: string }[];
        expect(endpoints.map(e => [e.serviceName, e.vpcEndpointType])).to.deep.equal([
            ["com.amazonaws.us-east-1.s3", "Gateway"],
            ["com.amazonaws.us-east-1.dynamodb", "Gateway"],
        ]);
    });

    it("adds public subnets only when a NAT strategy needs them", async () => {
        const { network } = testPlatform("vpc-single", { natStrategy: "Single", availabilityZoneCount: 2, cidrBlock: "10.20.0.0/16" });
        const vpc = single(await childrenOf(network.urn), "awsx:ec2:Vpc");
        expect(vpc.inputs.natGateways).to.deep.equal({ strategy: "Single" });
        expect(vpc.inputs.numberOfAvailabilityZones).to.equal(2);
        expect(vpc.inputs.cidrBlock).to.equal("10.20.0.0/16");
        expect((vpc.inputs.subnetSpecs as { type: string }[]).map(s => s.type)).to.deep.equal(["Private", "Isolated", "Public"]);
    });

    it("exposes the subnet ids of each tier", async () => {
        const { network } = testPlatform("vpc-tiers");
        expect(await promiseOf(network.subnets("private").subnetIds)).to.deep.equal([0, 1, 2].map(az => mockSubnetId("Private", az)));
        expect(await promiseOf(network.subnets("isolated").subnetIds)).to.deep.equal([0, 1, 2].map(az => mockSubnetId("Isolated", az)));
    });

    it("logs all traffic to a KMS-encrypted log group with retention, through a role only this account's flow logs assume", async () => {
        const { network, core } = testPlatform("vpc-logs");
        const children = await childrenOf(network.urn);
        const vpcUrn = single(children, "awsx:ec2:Vpc").urn;
        const flowLog = single(children, "aws:ec2/flowLog:FlowLog");
        expect(flowLog.inputs.trafficType).to.equal("ALL");
        expect(flowLog.inputs.logDestinationType).to.equal("cloud-watch-logs");
        expect(flowLog.propertyDependencies.vpcId).to.deep.equal([vpcUrn]);
        const logGroup = single(children, "aws:cloudwatch/logGroup:LogGroup");
        expect(logGroup.inputs.kmsKeyId).to.equal(await promiseOf(core.encryptionKey.arn));
        expect(logGroup.inputs.retentionInDays).to.equal(30);
        const role = single(children, "aws:iam/role:Role");
        expect(JSON.stringify(role.inputs.assumeRolePolicy)).to.contain("vpc-flow-logs.amazonaws.com").and.contain("aws:SourceAccount");
    });

    it("strips every rule from the default security group", async () => {
        const { network } = testPlatform("vpc-default-sg");
        const defaultSg = single(await childrenOf(network.urn), "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup");
        expect(defaultSg.inputs.ingress).to.deep.equal([]);
        expect(defaultSg.inputs.egress).to.deep.equal([]);
    });

    it("creates each requested interface endpoint once, with private DNS, in the configured number of AZs", async () => {
        const { network } = testPlatform("vpc-endpoints", { interfaceEndpointAzCount: 2 });
        network.requireInterfaceEndpoints("secretsmanager", "sqs");
        network.requireInterfaceEndpoints("secretsmanager");
        const children = await childrenOf(network.urn);
        const endpoints = ofType(children, "aws:ec2/vpcEndpoint:VpcEndpoint");
        expect(endpoints.map(e => e.inputs.serviceName)).to.have.members([
            "com.amazonaws.us-east-1.secretsmanager",
            "com.amazonaws.us-east-1.sqs",
        ]);
        const endpointSgId = await promiseOf(network.endpointSecurityGroup.id);
        for (const endpoint of endpoints) {
            expect(endpoint.inputs.vpcEndpointType).to.equal("Interface");
            expect(endpoint.inputs.privateDnsEnabled).to.equal(true);
            expect(endpoint.inputs.subnetIds).to.deep.equal([mockSubnetId("Private", 0), mockSubnetId("Private", 1)]);
            expect(endpoint.inputs.securityGroupIds).to.deep.equal([endpointSgId]);
        }
        expect(network.interfaceEndpointServices).to.have.members(["secretsmanager", "sqs"]);
        const endpointSg = children.find(r => r.name === "vpc-endpoints-net-endpoints")!;
        expect(endpointSg.inputs.ingress).to.deep.equal([
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/16"], description: "HTTPS from the VPC" },
        ]);
    });

    it("rejects an unknown endpoint service and an endpoint AZ count beyond the VPC's", () => {
        const { network } = testPlatform("vpc-bad-endpoint");
        expect(() => network.requireInterfaceEndpoints("ec2messages" as never)).to.throw(
            /unknown interface endpoint service "ec2messages"/,
        );
        expect(() => testPlatform("vpc-bad-az", { availabilityZoneCount: 2, interfaceEndpointAzCount: 3 })).to.throw(
            /interfaceEndpointAzCount must be from 1 to 2/,
        );
    });

    it("makes service security groups that admit only client security groups on one port", async () => {
        const { network } = testPlatform("vpc-sg");
        const client = network.clientSecurityGroup("vpc-sg-client", "a client");
        const service = network.serviceSecurityGroup("vpc-sg-service", "a database", 5432, [client]);
        const children = await childrenOf(network.urn);
        const serviceSg = children.find(r => r.name === "vpc-sg-service")!;
        const clientSg = children.find(r => r.name === "vpc-sg-client")!;
        const ingress = serviceSg.inputs.ingress as Rule[];
        expect(ingress).to.have.length(1);
        expect(ingress[0]).to.include({ protocol: "tcp", fromPort: 5432, toPort: 5432 });
        expect(ingress[0].securityGroups).to.deep.equal([await promiseOf(client.id)]);
        expect(ingress[0].cidrBlocks).to.equal(undefined);
        expect(serviceSg.inputs.egress).to.deep.equal([]);
        expect(clientSg.inputs.ingress).to.deep.equal([]);
        const egress = clientSg.inputs.egress as Rule[];
        expect(egress.map(rule => rule.cidrBlocks ?? rule.prefixListIds)).to.deep.equal([["10.0.0.0/16"], ["pl-s3", "pl-dynamodb"]]);
        expect(await promiseOf(service.vpcId)).to.equal("vpc-vpc-sg-net-vpc");
        expect(() => network.serviceSecurityGroup("vpc-sg-none", "nobody", 6379, [])).to.throw(/must admit at least one client/);
    });

    it("gives every child the component as parent and unique URNs across instances", async () => {
        const first = new SecureVpc("twin-a", {
            region: "us-east-1",
            accountId: "123456789012",
            encryptionKey: testPlatform("twin-key").core.encryptionKey,
            flowLogRetentionInDays: 7,
        });
        const second = new SecureVpc("twin-b", {
            region: "us-east-1",
            accountId: "123456789012",
            encryptionKey: testPlatform("twin-key2").core.encryptionKey,
            flowLogRetentionInDays: 7,
        });
        const a = await childrenOf(first.urn);
        const b = await childrenOf(second.urn);
        const namedAfterFirst = (await mocked()).resources.filter(
            r => r.name.startsWith("twin-a") && r.type !== "dataplatform:network:SecureVpc",
        );
        expect(namedAfterFirst.length).to.be.greaterThan(5);
        expect(namedAfterFirst.map(r => r.urn)).to.have.members(a.map(r => r.urn));
        const urns = [...a, ...b].map(r => r.urn);
        expect(new Set(urns).size).to.equal(urns.length);
    });
});
