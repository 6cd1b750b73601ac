// The advisory that a group reaching the internet needs a NAT gateway in the stack (a rest_api
// source's fetcher with natStrategy None): inline egress on a group or a separate egress rule.
import { expect } from "chai";
import { internetEgressNeedsNat } from "../../policy/rules/ec2";
import { judge, resource, verdicts } from "../support/policy";

const nat = (name: string) => resource("aws:ec2/natGateway:NatGateway", `${name}-nat`, { connectivityType: "public" });
const egressRule = (name: string, cidrIpv4: string) =>
    resource("aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", name, { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4 });
const group = (name: string, cidrBlocks: string[]) =>
    resource("aws:ec2/securityGroup:SecurityGroup", name, { egress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks }] });

describe("policy: internet-egress-needs-nat", () => {
    it("reports an egress rule to the internet as advisory, naming it, when the stack has no NAT gateway", async () => {
        const violations = await judge([internetEgressNeedsNat], egressRule("bad", "0.0.0.0/0"), egressRule("inside", "10.0.0.0/16"));
        expect(verdicts(violations)).to.deep.equal(["internet-egress-needs-nat advisory bad"]);
        expect(violations[0].message).to.contain("natStrategy");
    });

    it("passes the same rule when the stack has a NAT gateway", async () => {
        expect(verdicts(await judge([internetEgressNeedsNat], egressRule("good", "0.0.0.0/0"), nat("good")))).to.deep.equal([]);
    });

    it("reads a group's inline egress the same way", async () => {
        expect(
            verdicts(await judge([internetEgressNeedsNat], group("bad", ["0.0.0.0/0"]), group("vpc-only", ["10.0.0.0/16"]))),
        ).to.deep.equal(["internet-egress-needs-nat advisory bad"]);
        expect(verdicts(await judge([internetEgressNeedsNat], group("fine", ["0.0.0.0/0"]), nat("fine")))).to.deep.equal([]);
    });
});
