// EC2 instances and launch templates: IMDSv2 only, no public address, private subnets.
import { isKind } from "../lib/resource-types";
import { resourceRule } from "../lib/rule";
import { subnetPlacementPolicy } from "../lib/subnets";
import { isRecord, listOf } from "../lib/values";

export const ec2Imdsv2Required = resourceRule({
    name: "ec2-imdsv2-required",
    description: "EC2 instances and launch templates require IMDSv2 tokens (Security Hub EC2.8).",
    enforcementLevel: "mandatory",
    anchors: ["EC2.8"],
    kinds: ["ec2Instance", "launchTemplate"],
    check: (instance, report) => {
        const options = instance.props.metadataOptions;
        const endpointOff = isRecord(options) && options.httpEndpoint === "disabled";
        if (!endpointOff && !(isRecord(options) && options.httpTokens === "required")) {
            report(`${instance.type} ${instance.name} accepts IMDSv1: set metadataOptions.httpTokens to "required"`);
        }
    },
});

export const ec2NoPublicIp = resourceRule({
    name: "ec2-no-public-ip",
    description: "EC2 instances and launch templates get no public IPv4 address (Security Hub EC2.9).",
    enforcementLevel: "mandatory",
    anchors: ["EC2.9"],
    kinds: ["ec2Instance", "launchTemplate"],
    check: (instance, report) => {
        const interfaces = isKind(instance.type, "launchTemplate") ? listOf(instance.props.networkInterfaces).filter(isRecord) : [];
        const publicIp =
            instance.props.associatePublicIpAddress === true ||
            interfaces.some(networkInterface => String(networkInterface.associatePublicIpAddress) === "true");
        if (publicIp) {
            report(
                `${instance.type} ${instance.name} gets a public IP address: set associatePublicIpAddress to false and reach it through SSM`,
            );
        }
    },
});

export const ec2InPrivateSubnets = subnetPlacementPolicy({
    name: "ec2-in-private-subnets",
    description: "EC2 instances run in private or isolated subnets of this stack, never in public ones.",
    anchors: [],
    placements: { ec2Instance: "subnetId" },
    allowedTiers: ["private", "isolated"],
});
