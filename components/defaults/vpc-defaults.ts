// Network defaults: subnet tiers, their sizes and the gateway endpoints every VPC gets.

/** A VPC's shape when neither config nor the caller says otherwise. */
export const vpcDefaults = {
    cidrBlock: "10.0.0.0/16",
    /** Redshift Serverless needs three. */
    availabilityZoneCount: 3,
    /** No NAT: endpoints carry AWS traffic, so there are no public subnets. */
    natStrategy: "None",
    /** Interface endpoints are billed per AZ: one AZ unless asked for more. */
    interfaceEndpointAzCount: 1,
} as const;

/** Tier names as tagged on subnets; policies read this tag at preview. */
export const subnetTiers = ["public", "private", "isolated"] as const;
export type SubnetTier = (typeof subnetTiers)[number];
export const subnetTierTag = "dataplatform:tier";

/** CIDR masks per tier: Lambdas need many addresses (ENIs), data stores fewer, NAT almost none. */
export const subnetCidrMasks: Record<SubnetTier, number> = { private: 19, isolated: 21, public: 24 };

/** Gateway endpoints are free and carry S3 and DynamoDB traffic without a NAT. */
export const gatewayEndpointServices = ["s3", "dynamodb"] as const;

/** Interface endpoints a component may request; each is billed per AZ. */
export const interfaceEndpointServices = [
    "secretsmanager",
    "kinesis-streams",
    "firehose",
    "sqs",
    "sns",
    "sts",
    "logs",
    "monitoring",
    "states",
    "glue",
    "redshift-data",
    "kms",
] as const;
export type InterfaceEndpointService = (typeof interfaceEndpointServices)[number];

export const httpsPort = 443;
