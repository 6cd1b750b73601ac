// Interface endpoints (per AZ), NAT gateways, public IPv4 addresses and VPC flow logs.
import { subnetCount } from "../../plan-graph";
import { Estimator, line, monthHours } from "../model";

export const vpcEndpoint: Estimator = (resource, context) => {
    if (String(resource.inputs.vpcEndpointType ?? "Gateway") !== "Interface") {
        return []; // gateway endpoints (S3, DynamoDB) have no charge
    }
    const azs = Math.max(1, subnetCount(resource.inputs.subnetIds));
    return [
        line(context, "vpc.interfaceEndpoint.azHour", azs * monthHours(context), `interface endpoint in ${azs} AZ(s)`, "fixed"),
        line(context, "vpc.interfaceEndpoint.gb", context.usage.costEndpointGbPerMonth, "data processed", "usage"),
    ];
};

export const natGateway: Estimator = (_resource, context) => [
    line(context, "vpc.natGateway.hour", monthHours(context), "NAT gateway hours", "fixed"),
    line(context, "vpc.natGateway.gb", context.usage.costNatGbPerMonth, "data processed", "usage"),
];

export const elasticIp: Estimator = (_resource, context) => [
    line(context, "vpc.publicIpv4.hour", monthHours(context), "public IPv4 address hours", "fixed"),
];

export const flowLog: Estimator = (resource, context) => {
    const destination = String(resource.inputs.logDestinationType ?? "cloud-watch-logs");
    const key = destination === "cloud-watch-logs" ? "logs.vendedIngestGb" : `logs.vended.${destination}.gb`;
    return [line(context, key, context.usage.costFlowLogGbPerMonth, `flow logs delivered to ${destination}`, "usage")];
};
