// SearchAndCache: scheduled e-commerce products in OpenSearch and Redis, a keyed API to search
// them, look them up and check health, and a DynamoDB table mirrored into OpenSearch.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { redisPort } from "../defaults/elasticache-defaults";
import { openSearchHttpsPort } from "../defaults/opensearch-defaults";
import { mirrorTableKey } from "../defaults/search-and-cache-defaults";
import type { PlatformContext } from "../platform-context";
import { createCacheCluster } from "./cache-cluster";
import { createFunctions, FunctionName, functionNames, redisClients, SearchAndCacheFunctions } from "./functions";
import { createRestApi } from "../rest-api";
import { schedule } from "../schedule";
import { secureTable } from "../secure-table";
import { createSearchDomain, grantDomainAccess } from "./search-domain";

export interface SearchArgs {
    /** Default `t3.small.search`. */
    instanceType?: string;
    /** Data nodes. Default 1. */
    instanceCount?: number;
    /** Three dedicated masters. Default false. */
    dedicatedMasters?: boolean;
    /** Default `m6g.large.search`. */
    dedicatedMasterType?: string;
    /** AZs the data nodes spread over (1, 2 or 3). Default 1. */
    zoneCount?: number;
    /** gp3 GiB per data node. Default 10. */
    volumeSizeGb?: number;
}

export interface CacheArgs {
    /** Default `cache.t4g.micro`. */
    nodeType?: string;
    /** Replicas; one or more turns on automatic failover and Multi-AZ. Default 0. */
    replicas?: number;
    /** Days of daily snapshots kept. Default 0 (off). */
    snapshotRetentionDays?: number;
    /** Lifetime of a cached product. Default 3600 seconds. */
    ttlSeconds?: number;
}

export interface ApiArgs {
    /** Requests per second per key, also the stage-wide throttle. Default 10. */
    rateLimit?: number;
    /** Default 20. */
    burstLimit?: number;
    /** Requests per day per key. Default 10,000. */
    quotaPerDay?: number;
}

export interface SearchAndCacheArgs {
    platform: PlatformContext;
    /** Name of the OpenSearch domain (3-28 lower-case letters, digits, hyphens). Default: the component name. */
    domainName?: string;
    /** Generator schedule. Default `rate(5 minutes)`. */
    schedule?: string;
    /** Products per generator run. Default 10. */
    recordsPerRun?: number;
    search?: SearchArgs;
    cache?: CacheArgs;
    api?: ApiArgs;
    /**
     * Account-level settings this component relies on when the stack manages them (the OpenSearch
     * service-linked role, API Gateway's CloudWatch role): the domain and the stage wait for them.
     * Default none (another stack, or a bootstrap, owns them).
     */
    accountPrerequisites?: pulumi.Resource[];
    tags?: Record<string, string>;
}

export class SearchAndCache extends pulumi.ComponentResource {
    public readonly domain: aws.opensearch.Domain;
    public readonly replicationGroup: aws.elasticache.ReplicationGroup;
    public readonly authSecret: aws.secretsmanager.Secret;
    public readonly table: aws.dynamodb.Table;
    public readonly functions: SearchAndCacheFunctions;
    public readonly scheduleRule: aws.cloudwatch.EventRule;
    public readonly api: aws.apigateway.RestApi;
    public readonly apiUrl: pulumi.Output<string>;
    /** The default client's API key (a secret output). */
    public readonly apiKeyValue: pulumi.Output<string>;

    constructor(name: string, args: SearchAndCacheArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:search:SearchAndCache", name, {}, opts);
        const { platform } = args;
        const tags = args.tags ?? {};
        const prerequisites = args.accountPrerequisites ?? [];
        const search = {
            instanceType: args.search?.instanceType ?? "t3.small.search",
            instanceCount: args.search?.instanceCount ?? 1,
            dedicatedMasters: args.search?.dedicatedMasters ?? false,
            dedicatedMasterType: args.search?.dedicatedMasterType ?? "m6g.large.search",
            zoneCount: args.search?.zoneCount ?? 1,
            volumeSizeGb: args.search?.volumeSizeGb ?? 10,
        };
        const cache = {
            nodeType: args.cache?.nodeType ?? "cache.t4g.micro",
            replicas: args.cache?.replicas ?? 0,
            snapshotRetentionDays: args.cache?.snapshotRetentionDays ?? 0,
        };

        // Each function has its own security group; the stores admit exactly the functions that use them.
        const network = platform.network;
        const securityGroups = Object.fromEntries(
            functionNames.map(fn => [fn, network.clientSecurityGroup(`${name}-${fn}-function`, `${name} ${fn} function`)]),
        ) as Record<FunctionName, aws.ec2.SecurityGroup>;
        const domainSecurityGroup = network.serviceSecurityGroup(
            `${name}-search-domain`,
            `${name} OpenSearch domain: HTTPS from its functions only`,
            openSearchHttpsPort,
            functionNames.map(fn => securityGroups[fn]),
        );
        const cacheSecurityGroup = network.serviceSecurityGroup(
            `${name}-cache-nodes`,
            `${name} Redis: TLS from the functions that cache only`,
            redisPort,
            redisClients.map(fn => securityGroups[fn]),
        );
        // The functions read the Redis AUTH token from Secrets Manager without leaving the VPC.
        network.requireInterfaceEndpoints("secretsmanager");

        this.domain = createSearchDomain(
            name,
            { platform, domainName: args.domainName ?? name, topology: search, securityGroup: domainSecurityGroup, prerequisites, tags },
            this,
        );
        const cluster = createCacheCluster(name, { platform, topology: cache, securityGroup: cacheSecurityGroup, tags }, this);
        this.replicationGroup = cluster.replicationGroup;
        this.authSecret = cluster.authSecret;

        this.table = secureTable(`${name}-table`, { platform, hashKey: mirrorTableKey, stream: true, tags }, { parent: this });

        this.functions = createFunctions(
            name,
            {
                platform,
                domain: this.domain,
                replicationGroup: this.replicationGroup,
                authSecret: this.authSecret,
                tableStreamArn: this.table.streamArn,
                securityGroups,
                recordsPerRun: args.recordsPerRun ?? 10,
                cacheTtlSeconds: args.cache?.ttlSeconds ?? 3600,
                indexReplicas: search.instanceCount > 1 ? 1 : 0,
                tags,
            },
            this,
        );
        // A separate policy resource: the domain's endpoint feeds the functions, whose roles feed the policy.
        grantDomainAccess(
            name,
            this.domain,
            functionNames.map(fn => this.functions[fn].role),
            this,
        );

        this.scheduleRule = schedule(
            name,
            {
                platform,
                expression: args.schedule ?? "rate(5 minutes)",
                target: this.functions.generator,
                runs: "the product generator",
                targetName: "the generator",
                tags,
            },
            this,
        );

        const rest = createRestApi(
            name,
            {
                platform,
                description: `${name}: product search, cache lookups and health`,
                routes: [
                    {
                        path: "search",
                        handler: this.functions.search,
                        queryParameters: { q: false, category: false, size: false, from: false },
                    },
                    { path: "cache", handler: this.functions.cache, queryParameters: { id: true } },
                    { path: "health", handler: this.functions.health, queryParameters: {} },
                ],
                limits: {
                    rateLimit: args.api?.rateLimit ?? 10,
                    burstLimit: args.api?.burstLimit ?? 20,
                    quotaPerDay: args.api?.quotaPerDay ?? 10_000,
                },
                prerequisites,
                tags,
            },
            this,
        );
        this.api = rest.api;
        this.apiUrl = rest.url;
        this.apiKeyValue = pulumi.secret(rest.apiKey.value);

        this.registerOutputs({
            domainEndpoint: this.domain.endpoint,
            redisEndpoint: this.replicationGroup.primaryEndpointAddress,
            tableName: this.table.name,
            scheduleRuleName: this.scheduleRule.name,
            apiUrl: this.apiUrl,
            apiKeyValue: this.apiKeyValue,
        });
    }
}
