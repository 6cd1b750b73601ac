// Pulumi mocks for the whole program: what a provider would answer, with recognisable values.
// Shared by the unit tests and the offline plan.
import * as pulumi from "@pulumi/pulumi";

export const mockAccountId = "123456789012";
export const mockRegion = "us-east-1";
export const mockAvailabilityZones = ["us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d", "us-east-1e", "us-east-1f"];

type State = Record<string, unknown>;
type Inputs = Record<string, unknown>;

/** Subnet ids name their tier and AZ, e.g. `subnet-private-b`, so tests can check placement. */
export function mockSubnetId(tier: string, azIndex: number): string {
    return `subnet-${tier.toLowerCase()}-${String.fromCharCode(97 + azIndex)}`;
}

/** The AWS service segment of a type token, e.g. `aws:sqs/queue:Queue` gives `sqs`. */
function serviceOf(type: string): string {
    const module = type.split(":")[1]?.split("/")[0] ?? "unknown";
    return module === "cloudwatch" ? "logs" : module;
}

function kindOf(type: string): string {
    return (type.split(":")[2] ?? "resource").toLowerCase();
}

/** Type-specific outputs a provider computes; everything else echoes the inputs. */
const computedState: Record<string, (name: string, inputs: Inputs, arn: string) => State> = {
    "awsx:ec2:Vpc": (name, inputs) => {
        const azCount = Number(inputs.numberOfAvailabilityZones ?? 3);
        const specs = (inputs.subnetSpecs as { type: string }[] | undefined) ?? [{ type: "Private" }, { type: "Public" }];
        const idsOf = (type: string) =>
            specs.some(spec => spec.type === type) ? Array.from({ length: azCount }, (_, az) => mockSubnetId(type, az)) : [];
        return {
            vpcId: `vpc-${name}`,
            privateSubnetIds: idsOf("Private"),
            isolatedSubnetIds: idsOf("Isolated"),
            publicSubnetIds: idsOf("Public"),
        };
    },
    "aws:kms/key:Key": name => ({ keyId: `key-${name}` }),
    "aws:lambda/function:Function": (name, inputs, arn) => ({
        name: inputs.name ?? `${name}-fn`,
        invokeArn: `arn:aws:apigateway:${mockRegion}:lambda:path/2015-03-31/functions/${arn}/invocations`,
    }),
    "aws:sqs/queue:Queue": name => ({ url: `https://sqs.${mockRegion}.amazonaws.com/${mockAccountId}/${name}`, name }),
    "aws:dynamodb/table:Table": (name, inputs) => ({
        streamArn: inputs.streamEnabled
            ? `arn:aws:dynamodb:${mockRegion}:${mockAccountId}:table/${name}/stream/2026-01-01T00:00:00.000`
            : undefined,
    }),
    "aws:opensearch/domain:Domain": (name, inputs) => {
        const domainName = String(inputs.domainName ?? name);
        return {
            domainName,
            domainId: `${mockAccountId}/${domainName}`,
            arn: `arn:aws:es:${mockRegion}:${mockAccountId}:domain/${domainName}`,
            endpoint: `vpc-${domainName}-mock.${mockRegion}.es.amazonaws.com`,
        };
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": (name, inputs) => {
        const id = String(inputs.replicationGroupId ?? `${name}-rg`);
        return {
            replicationGroupId: id,
            arn: `arn:aws:elasticache:${mockRegion}:${mockAccountId}:replicationgroup:${id}`,
            primaryEndpointAddress: `master.${id}.mock.use1.cache.amazonaws.com`,
            readerEndpointAddress: `replica.${id}.mock.use1.cache.amazonaws.com`,
            memberClusters: Array.from({ length: Number(inputs.numCacheClusters ?? 1) }, (_, node) => `${id}-00${node + 1}`),
        };
    },
    "aws:apigateway/restApi:RestApi": name => ({
        rootResourceId: `${name}-root`,
        executionArn: `arn:aws:execute-api:${mockRegion}:${mockAccountId}:${name}-id`,
        arn: `arn:aws:apigateway:${mockRegion}::/restapis/${name}-id`,
    }),
    "aws:apigateway/stage:Stage": (name, inputs) => ({
        invokeUrl: `https://${String(inputs.restApi)}.execute-api.${mockRegion}.amazonaws.com/${String(inputs.stageName ?? name)}`,
    }),
    "aws:apigateway/apiKey:ApiKey": name => ({ value: `mock-api-key-of-${name}` }),
    "aws:cloudwatch/eventRule:EventRule": name => ({ arn: `arn:aws:events:${mockRegion}:${mockAccountId}:rule/${name}` }),
    "aws:secretsmanager/secret:Secret": name => ({ arn: `arn:aws:secretsmanager:${mockRegion}:${mockAccountId}:secret:${name}-AbCdEf` }),
    "random:index/randomPassword:RandomPassword": (name, inputs) => ({
        result: `mock-password-of-${name}-`.padEnd(Number(inputs.length ?? 16), "x"),
    }),
    "aws:rds/instance:Instance": (name, inputs) => {
        const identifier = String(inputs.identifier ?? name);
        const address = `${identifier}.c0mock0db0.${mockRegion}.rds.amazonaws.com`;
        const port = Number(inputs.port ?? 5432);
        return {
            address,
            port,
            endpoint: `${address}:${port}`,
            resourceId: `db-${identifier.toUpperCase().replace(/[^A-Z0-9]/g, "")}`,
            masterUserSecrets: inputs.manageMasterUserPassword
                ? [{ secretArn: `arn:aws:secretsmanager:${mockRegion}:${mockAccountId}:secret:rds!db-${identifier}-AbCdEf` }]
                : [],
        };
    },
    "aws:s3/bucket:Bucket": (name, inputs) => ({
        bucket: inputs.bucket ?? `${name}-bucket`,
        arn: `arn:aws:s3:::${inputs.bucket ?? `${name}-bucket`}`,
    }),
};

/**
 * Mocks that answer every resource with its inputs plus computed ids and ARNs, and every invoke the
 * program makes; an unexpected invoke throws instead of returning undefined silently.
 */
export class PlatformMocks implements pulumi.runtime.Mocks {
    /** Every id, ARN and URL the mocks invented: values a real preview would not know yet. */
    public readonly computedValues = new Set<string>();

    newResource(args: pulumi.runtime.MockResourceArgs): pulumi.runtime.MockResourceResult {
        const inputs = args.inputs as Inputs;
        const id = `${args.name}-id`;
        const arn = `arn:aws:${serviceOf(args.type)}:${mockRegion}:${mockAccountId}:${kindOf(args.type)}/${args.name}`;
        const extra = computedState[args.type]?.(args.name, inputs, arn) ?? {};
        const state: State = { ...inputs, name: inputs.name ?? args.name, arn, id, ...extra };
        this.remember(
            id,
            arn,
            ...Object.entries(extra)
                .filter(([key]) => key !== "name")
                .map(([, value]) => value),
        );
        return { id: args.custom === false ? undefined : id, state };
    }

    call(args: pulumi.runtime.MockCallArgs): pulumi.runtime.MockCallResult {
        const inputs = args.inputs as Inputs;
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    accountId: mockAccountId,
                    arn: `arn:aws:iam::${mockAccountId}:user/preview`,
                    userId: "AIDAPREVIEW",
                    id: mockAccountId,
                };
            case "aws:index/getRegion:getRegion":
                return {
                    region: mockRegion,
                    name: mockRegion,
                    id: mockRegion,
                    endpoint: `ec2.${mockRegion}.amazonaws.com`,
                    description: "US East (N. Virginia)",
                };
            case "aws:index/getPartition:getPartition":
                return { partition: "aws", dnsSuffix: "amazonaws.com", id: "aws" };
            case "aws:index/getAvailabilityZones:getAvailabilityZones":
                return { names: mockAvailabilityZones.slice(0, 3), zoneIds: ["use1-az1", "use1-az2", "use1-az4"], id: mockRegion };
            case "aws:ec2/getPrefixList:getPrefixList": {
                const service = String(inputs.name ?? "")
                    .split(".")
                    .pop();
                return { id: `pl-${service}`, name: inputs.name, cidrBlocks: [] };
            }
            case "aws:ec2/getSubnet:getSubnet": {
                // Subnets the mocks invented are numbered in AZ order, as awsx creates them.
                const index = Number(/(\d+)$/.exec(String(inputs.id ?? ""))?.[1] ?? 0);
                const availabilityZone = mockAvailabilityZones[index % 3];
                return { id: inputs.id, availabilityZone, availabilityZoneId: `use1-az${index % 3}`, vpcId: "vpc-preview" };
            }
            default:
                throw new Error(`No mock for invoke ${args.token}: add it to scripts/plan/mocks.ts`);
        }
    }

    /** Strings anywhere in the values (computed state may nest them, e.g. RDS masterUserSecrets). */
    private remember(...values: unknown[]): void {
        for (const value of values) {
            if (typeof value === "string" && value.length > 0) {
                this.computedValues.add(value);
            } else if (typeof value === "object" && value !== null) {
                this.remember(...Object.values(value));
            }
        }
    }
}
