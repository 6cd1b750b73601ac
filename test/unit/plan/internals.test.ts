// The offline plan's emulation of what mocks cannot show: awsx children and preview unknowns.
import { expect } from "chai";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { withAwsxChildren } from "../../../scripts/plan/awsx-vpc-model";
import { CapturedResource, plainValue } from "../../../scripts/plan/capture";
import { asPreview, unknownSentinel } from "../../../scripts/plan/preview";
import { loadStackConfig, PlanInputError } from "../../../scripts/plan/stack-config";

function captured(
    type: string,
    name: string,
    inputs: Record<string, unknown>,
    propertyDependencies: Record<string, string[]> = {},
): CapturedResource {
    return {
        urn: `urn:pulumi:dev::p::x:y:Z$${type}::${name}`,
        type,
        name,
        custom: true,
        provider: "p",
        providers: { aws: "p" },
        inputs,
        dependencies: [],
        propertyDependencies,
    };
}

describe("offline plan: awsx VPC model", () => {
    const vpcInputs = {
        numberOfAvailabilityZones: 2,
        natGateways: { strategy: "Single" },
        subnetSpecs: [
            { type: "Private", tags: { "dataplatform:tier": "private" } },
            { type: "Public", tags: { "dataplatform:tier": "public" } },
        ],
        vpcEndpointSpecs: [{ serviceName: "com.amazonaws.us-east-1.s3", vpcEndpointType: "Gateway" }],
    };

    it("adds the subnets, routes, NAT gateways and endpoints awsx builds, with tier tags and public-IP flags", () => {
        const vpc = captured("awsx:ec2:Vpc", "net", vpcInputs);
        const all = withAwsxChildren([vpc]);
        const subnets = all.filter(r => r.type === "aws:ec2/subnet:Subnet");
        expect(
            subnets.map(s => [s.name, (s.inputs.tags as Record<string, string>)["dataplatform:tier"], s.inputs.mapPublicIpOnLaunch]),
        ).to.deep.equal([
            ["net-public-1", "public", true],
            ["net-public-2", "public", true],
            ["net-private-1", "private", false],
            ["net-private-2", "private", false],
        ]);
        expect(all.filter(r => r.type === "aws:ec2/natGateway:NatGateway")).to.have.length(1);
        const routes = all.filter(r => r.type === "aws:ec2/route:Route");
        expect(routes.filter(r => r.inputs.gatewayId !== undefined)).to.have.length(2);
        expect(routes.filter(r => r.inputs.natGatewayId !== undefined)).to.have.length(2);
        const endpoint = all.find(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint")!;
        expect(endpoint.propertyDependencies.routeTableIds).to.have.length(4);
        const innerVpc = all.find(r => r.type === "aws:ec2/vpc:Vpc")!;
        expect(innerVpc.parent).to.equal(vpc.urn);
        expect(subnets.every(s => s.parent === innerVpc.urn)).to.equal(true);
    });

    it("points a dependency on the awsx VPC at the subnets whose ids the property carries", () => {
        const vpc = captured("awsx:ec2:Vpc", "net", vpcInputs);
        const fn = captured(
            "aws:lambda/function:Function",
            "fn",
            { vpcConfig: { subnetIds: ["subnet-private-a", "subnet-private-b"] } },
            { vpcConfig: [vpc.urn] },
        );
        const all = withAwsxChildren([vpc, fn]);
        const rewired = all.find(r => r.name === "fn")!;
        const names = rewired.propertyDependencies.vpcConfig.map(urn => urn.split("::").pop());
        expect(names).to.deep.equal(["net", "net-private-1", "net-private-2"]);
    });
});

describe("offline plan: preview unknowns", () => {
    it("replaces computed values, and strings built from them, with the engine's unknown sentinel", () => {
        const computed = new Set(["arn:aws:logs:us-east-1:1:loggroup/x", "sg-1-id"]);
        const preview = asPreview(
            { resources: ["arn:aws:logs:us-east-1:1:loggroup/x:*", "arn:aws:s3:::literal"], sg: ["sg-1-id"], n: 3, flag: true },
            computed,
        );
        expect(preview).to.deep.equal({ resources: [unknownSentinel, "arn:aws:s3:::literal"], sg: [unknownSentinel], n: 3, flag: true });
    });

    it("unwraps secrets, resource references and archives from the wire format", () => {
        const sig = "4dabf18193072939515e22adb298388d";
        expect(
            plainValue({
                a: { [sig]: "1b47061264138c4ac30d75fd1eb44270", value: "s3cret" },
                b: { [sig]: "5cf8f73096256a8f31e491e813e4eb8e", urn: "urn:x", id: "i" },
                c: { [sig]: "0def7320c3a5731c473e5ecbe6d01bc7", assets: {} },
            }),
        ).to.deep.equal({ a: "s3cret", b: "urn:x", c: "<asset>" });
    });
});

describe("offline plan: stack config files", () => {
    function project(stackYaml: string): string {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-config-"));
        fs.writeFileSync(
            path.join(dir, "Pulumi.yaml"),
            "name: demo\nruntime: nodejs\nconfig:\n  demo:size:\n    type: integer\n    default: 2\n  demo:names:\n    type: array\n    items:\n      type: string\n    default: []\n",
        );
        fs.writeFileSync(path.join(dir, "Pulumi.s.yaml"), stackYaml);
        return dir;
    }

    it("applies project defaults, then stack values, in the runtime's string form", () => {
        const config = loadStackConfig(project("config:\n  demo:names: [a, b]\n  aws:region: eu-west-1\n"), "s");
        expect(config.values).to.deep.equal({ "demo:size": "2", "demo:names": '["a","b"]', "aws:region": "eu-west-1" });
    });

    it("rejects values of the wrong type, encrypted secrets and unknown stacks", () => {
        expect(() => loadStackConfig(project("config:\n  demo:size: big\n"), "s")).to.throw(
            PlanInputError,
            'config demo:size must be of type integer (got "big")',
        );
        expect(() => loadStackConfig(project("config:\n  demo:size:\n    secure: AAAA\n"), "s")).to.throw(
            PlanInputError,
            /encrypted secret/,
        );
        expect(() => loadStackConfig(project(""), "other")).to.throw(PlanInputError, 'unknown stack "other"');
        expect(() => loadStackConfig(project(""), "../etc")).to.throw(PlanInputError, "invalid stack name");
    });
});
