// SearchAndCache: scheduled e-commerce products in OpenSearch and Redis, a keyed API to search
// them, look them up and check health, and a DynamoDB table mirrored into OpenSearch.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cacheCluster } from "../cache-cluster";
import { redisPort } from "../defaults/elasticache-defaults";
import { openSearchHttpsPort } from "../defaults/opensearch-defaults";
import { mirrorTableKey, searchAndCacheDefaults } from "../defaults/search-and-cache-defaults";
import type { PlatformContext } from "../platform-context";
import { ApiRoute, createRestApi } from "../rest-api";
import { schedule } from "../schedule";
import { grantDomainAccess, searchDomain } from "../search-domain";
import { secureTable } from "../secure-table";
import { createFunctions, FunctionName, functionNames, redisClients, SearchAndCacheFunctions } from "./functions";

// Every default is in `searchAndCacheDefaults` (defaults/search-and-cache-defaults.ts), which
// config/search-and-cache.ts also reads; the config validates stack values.

export interface SearchArgs {
    instanceType?: string;
    /** Data nodes. */
    instanceCount?: number;
    /** Three dedicated masters. */
    dedicatedMasters?: boolean;
    dedicatedMasterType?: string;
    /** AZs the data nodes spread over (1, 2 or 3). */
    zoneCount?: number;
    /** gp3 GiB per data node. */
    volumeSizeGb?: number;
}

export interface CacheArgs {
    nodeType?: string;
    /** Replicas; one or more turns on automatic failover and Multi-AZ. */
    replicas?: number;
    /** Days of daily snapshots kept (0: off). */
    snapshotRetentionDays?: number;
    /** Lifetime of a cached product. */
    ttlSeconds?: number;
}

export interface ApiArgs {
    /** Requests per second per key, also the stage-wide throttle. */
    rateLimit?: number;
    burstLimit?: number;
    /** Requests per day per key. */
    quotaPerDay?: number;
}

export interface SearchAndCacheArgs {
    platform: PlatformContext;
    /** Name of the OpenSearch domain (3-28 lower-case letters, digits, hyphens). Default: the component name. */
    domainName?: string;
    /** Generator schedule. */
    schedule?: string;
    /** Products per generator run. */
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

/** The Args with every default applied. */
function withDefaults(name: string, args: SearchAndCacheArgs) {
    const d = searchAndCacheDefaults;
    return {
        domainName: args.domainName ?? name,
        schedule: args.schedule ?? d.schedule,
        recordsPerRun: args.recordsPerRun ?? d.recordsPerRun,
        search: { ...d.search, ...definedOnly(args.search) },
        cache: { ...d.cache, ...definedOnly(args.cache) },
        api: { ...d.api, ...definedOnly(args.api) },
        prerequisites: args.accountPrerequisites ?? [],
        tags: args.tags ?? {},
    };
}

/** Drops keys set to undefined, so that spreading over defaults keeps the default. */
function definedOnly<T extends object>(values: T | undefined): Partial<T> {
    return Object.fromEntries(Object.entries(values ?? {}).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The API's routes: search with optional filters, a cache lookup by id, health. */
function apiRoutes(functions: SearchAndCacheFunctions): ApiRoute[] {
    return [
        { path: "search", handler: functions.search, queryParameters: { q: false, category: false, size: false, from: false } },
        { path: "cache", handler: functions.cache, queryParameters: { id: true } },
        { path: "health", handler: functions.health, queryParameters: {} },
    ];
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
        const child = { parent: this };
        const { platform } = args;
        const settings = withDefaults(name, args);
        const { tags, prerequisites } = settings;

        // Network: each function has its own security group; the stores admit exactly the functions that use them.
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

        // Stores (each builder adds its own alarms).
        const { domainName, search, cache } = settings;
        this.domain = searchDomain(
            name,
            { platform, domainName, topology: search, securityGroup: domainSecurityGroup, prerequisites, tags },
            child,
        );
        const cluster = cacheCluster(name, { platform, topology: cache, securityGroup: cacheSecurityGroup, tags }, child);
        this.replicationGroup = cluster.replicationGroup;
        this.authSecret = cluster.authSecret;
        this.table = secureTable(`${name}-table`, { platform, hashKey: mirrorTableKey, stream: true, tags }, child);

        // Functions (their failure queues come with alarms).
        this.functions = createFunctions(
            name,
            {
                platform,
                domain: this.domain,
                replicationGroup: this.replicationGroup,
                authSecret: this.authSecret,
                tableStreamArn: this.table.streamArn,
                securityGroups,
                recordsPerRun: settings.recordsPerRun,
                cacheTtlSeconds: cache.ttlSeconds,
                indexReplicas: search.instanceCount > 1 ? 1 : 0,
                tags,
            },
            child,
        );

        // Grant: a separate policy resource, as the domain's endpoint feeds the functions, whose roles feed the policy.
        grantDomainAccess(
            name,
            this.domain,
            functionNames.map(fn => this.functions[fn].role),
            child,
        );

        // Wire: the schedule runs the generator; the API fronts search, cache and health.
        this.scheduleRule = schedule(
            name,
            {
                platform,
                expression: settings.schedule,
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
                routes: apiRoutes(this.functions),
                limits: settings.api,
                prerequisites,
                tags,
            },
            this,
        );
        ({ api: this.api, url: this.apiUrl, apiKeyValue: this.apiKeyValue } = rest);

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
