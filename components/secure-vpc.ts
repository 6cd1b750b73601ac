// SecureVpc: a VPC whose workloads reach AWS APIs through endpoints, not the internet.
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import {
    gatewayEndpointServices,
    httpsPort,
    InterfaceEndpointService,
    interfaceEndpointServices,
    subnetCidrMasks,
    SubnetTier,
    subnetTierTag,
    vpcDefaults,
} from "./defaults/vpc-defaults";
import { vpcFlowLogs } from "./flow-logs";

export interface SecureVpcArgs {
    /** Region of the VPC (names the endpoint services). */
    region: string;
    /** Account of the VPC (scopes the flow-log role's trust). */
    accountId: pulumi.Input<string>;
    /** Key that encrypts the flow-log group. */
    encryptionKey: aws.kms.Key;
    /** Retention of the flow-log group, in days. */
    flowLogRetentionInDays: number;
    // Defaults: `vpcDefaults` (defaults/vpc-defaults.ts); config/platform.ts validates stack values.
    cidrBlock?: string;
    /** Availability zones spanned. */
    availabilityZoneCount?: number;
    /** NAT gateways: public subnets exist only when this is not `None`. */
    natStrategy?: "None" | "Single" | "OnePerAz";
    /** AZs that carry interface endpoints (billed per AZ), at most `availabilityZoneCount`. */
    interfaceEndpointAzCount?: number;
    /** Tags added to every taggable child. */
    tags?: Record<string, string>;
}

/** Where a workload runs: private subnets for Lambdas, isolated subnets for data stores. */
export interface SubnetPlacement {
    subnetIds: pulumi.Output<string[]>;
}

export class SecureVpc extends pulumi.ComponentResource {
    public readonly vpcId: pulumi.Output<string>;
    public readonly cidrBlock: string;
    public readonly privateSubnetIds: pulumi.Output<string[]>;
    public readonly isolatedSubnetIds: pulumi.Output<string[]>;
    public readonly publicSubnetIds: pulumi.Output<string[]>;
    public readonly flowLogGroup: aws.cloudwatch.LogGroup;
    public readonly endpointSecurityGroup: aws.ec2.SecurityGroup;

    private readonly name: string;
    private readonly region: string;
    private readonly interfaceEndpointAzCount: number;
    private readonly tags: Record<string, string>;
    private readonly interfaceEndpoints = new Map<InterfaceEndpointService, aws.ec2.VpcEndpoint>();
    private readonly gatewayPrefixListIds: pulumi.Output<string>[];

    constructor(name: string, args: SecureVpcArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:network:SecureVpc", name, {}, opts);
        const azCount = args.availabilityZoneCount ?? vpcDefaults.availabilityZoneCount;
        const natStrategy = args.natStrategy ?? vpcDefaults.natStrategy;
        this.name = name;
        this.region = args.region;
        this.cidrBlock = args.cidrBlock ?? vpcDefaults.cidrBlock;
        this.interfaceEndpointAzCount = args.interfaceEndpointAzCount ?? vpcDefaults.interfaceEndpointAzCount;
        this.tags = args.tags ?? {};

        const tiers: SubnetTier[] = natStrategy === "None" ? ["private", "isolated"] : ["private", "isolated", "public"];
        const vpc = new awsx.ec2.Vpc(
            `${name}-vpc`,
            {
                cidrBlock: this.cidrBlock,
                numberOfAvailabilityZones: azCount,
                enableDnsHostnames: true, // private DNS of interface endpoints needs both
                enableDnsSupport: true,
                natGateways: { strategy: natStrategy },
                subnetStrategy: "Auto",
                subnetSpecs: tiers.map(tier => ({
                    type: awsxSubnetType(tier),
                    cidrMask: subnetCidrMasks[tier],
                    tags: { ...this.tags, [subnetTierTag]: tier },
                })),
                vpcEndpointStrategy: "Auto", // gateway endpoints get every route table
                vpcEndpointSpecs: gatewayEndpointServices.map(service => ({
                    serviceName: `com.amazonaws.${args.region}.${service}`,
                    vpcEndpointType: "Gateway",
                    tags: { ...this.tags, Name: `${name}-${service}` },
                })),
                tags: this.tags,
            },
            // A remote component only receives the providers it is given, not those it inherits.
            { parent: this, providers: inheritedAwsProvider(this) },
        );
        this.vpcId = vpc.vpcId;
        this.privateSubnetIds = vpc.privateSubnetIds;
        this.isolatedSubnetIds = vpc.isolatedSubnetIds;
        this.publicSubnetIds = vpc.publicSubnetIds;

        // The default security group admits all traffic between its members: strip every rule.
        new aws.ec2.DefaultSecurityGroup(
            `${name}-default-sg`,
            {
                vpcId: this.vpcId,
                ingress: [],
                egress: [],
                tags: { ...this.tags, Name: `${name}-default-unused` },
            },
            { parent: this },
        );

        this.flowLogGroup = vpcFlowLogs(
            name,
            {
                vpcId: this.vpcId,
                accountId: args.accountId,
                encryptionKey: args.encryptionKey,
                retentionInDays: args.flowLogRetentionInDays,
                tags: this.tags,
            },
            { parent: this },
        );

        this.endpointSecurityGroup = new aws.ec2.SecurityGroup(
            `${name}-endpoints`,
            {
                vpcId: this.vpcId,
                description: "Interface VPC endpoints: HTTPS from inside the VPC only",
                ingress: [
                    {
                        protocol: "tcp",
                        fromPort: httpsPort,
                        toPort: httpsPort,
                        cidrBlocks: [this.cidrBlock],
                        description: "HTTPS from the VPC",
                    },
                ],
                egress: [],
                tags: this.tags,
            },
            { parent: this },
        );

        const prefixListOptions = { parent: this };
        this.gatewayPrefixListIds = gatewayEndpointServices.map(service =>
            aws.ec2.getPrefixListOutput({ name: `com.amazonaws.${args.region}.${service}` }, prefixListOptions).apply(list => list.id),
        );

        this.registerOutputs({
            vpcId: this.vpcId,
            privateSubnetIds: this.privateSubnetIds,
            isolatedSubnetIds: this.isolatedSubnetIds,
            publicSubnetIds: this.publicSubnetIds,
            flowLogGroupName: this.flowLogGroup.name,
        });
    }

    /** Subnets of a tier. */
    public subnets(tier: "private" | "isolated"): SubnetPlacement {
        return { subnetIds: tier === "private" ? this.privateSubnetIds : this.isolatedSubnetIds };
    }

    /**
     * Interface endpoints for the AWS services a component's code calls, created once per
     * service however many components ask, in the first `interfaceEndpointAzCount` AZs.
     */
    public requireInterfaceEndpoints(...services: InterfaceEndpointService[]): void {
        for (const service of services) {
            if (!interfaceEndpointServices.includes(service)) {
                throw new Error(`SecureVpc ${this.name}: unknown interface endpoint service ${JSON.stringify(service)}`);
            }
            if (this.interfaceEndpoints.has(service)) {
                continue;
            }
            this.interfaceEndpoints.set(
                service,
                new aws.ec2.VpcEndpoint(
                    `${this.name}-${service}`,
                    {
                        vpcId: this.vpcId,
                        serviceName: `com.amazonaws.${this.region}.${service}`,
                        vpcEndpointType: "Interface",
                        privateDnsEnabled: true,
                        subnetIds: this.privateSubnetIds.apply(ids => ids.slice(0, this.interfaceEndpointAzCount)),
                        securityGroupIds: [this.endpointSecurityGroup.id],
                        tags: { ...this.tags, Name: `${this.name}-${service}` },
                    },
                    { parent: this },
                ),
            );
        }
    }

    /** Interface endpoint services created so far. */
    public get interfaceEndpointServices(): InterfaceEndpointService[] {
        return [...this.interfaceEndpoints.keys()];
    }

    /**
     * Security group for a client workload (a Lambda): no ingress; egress only inside the VPC
     * and to the S3 and DynamoDB gateway endpoints over HTTPS.
     */
    public clientSecurityGroup(name: string, description: string): aws.ec2.SecurityGroup {
        return new aws.ec2.SecurityGroup(
            name,
            {
                vpcId: this.vpcId,
                description,
                ingress: [],
                egress: [
                    {
                        protocol: "tcp",
                        fromPort: 0,
                        toPort: 65535,
                        cidrBlocks: [this.cidrBlock],
                        description: "Data stores and interface endpoints in the VPC",
                    },
                    {
                        protocol: "tcp",
                        fromPort: httpsPort,
                        toPort: httpsPort,
                        prefixListIds: this.gatewayPrefixListIds,
                        description: "S3 and DynamoDB gateway endpoints",
                    },
                ],
                tags: this.tags,
            },
            { parent: this },
        );
    }

    /**
     * Security group for a service (a data store) that admits the given client security groups
     * on one port and nothing else: no CIDR ingress, no egress.
     */
    public serviceSecurityGroup(name: string, description: string, port: number, clients: aws.ec2.SecurityGroup[]): aws.ec2.SecurityGroup {
        if (clients.length === 0) {
            throw new Error(`SecureVpc ${this.name}: security group ${name} must admit at least one client`);
        }
        return new aws.ec2.SecurityGroup(
            name,
            {
                vpcId: this.vpcId,
                description,
                ingress: clients.map(client => ({
                    protocol: "tcp",
                    fromPort: port,
                    toPort: port,
                    securityGroups: [client.id],
                    description: `Port ${port} from a client security group`,
                })),
                egress: [],
                tags: this.tags,
            },
            { parent: this },
        );
    }
}

function inheritedAwsProvider(component: pulumi.ComponentResource): pulumi.ProviderResource[] {
    const provider = component.getProvider("aws:ec2/vpc:Vpc");
    return provider === undefined ? [] : [provider];
}

function awsxSubnetType(tier: SubnetTier): "Public" | "Private" | "Isolated" {
    return tier === "public" ? "Public" : tier === "private" ? "Private" : "Isolated";
}
