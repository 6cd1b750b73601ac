// The five SearchAndCache functions, each an InlineLambda with its own role, security group and
// only the packages and permissions its code uses.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import { handleCacheLookup } from "../../functions/search-and-cache/cache-handler";
import { GeneratorReport, GeneratorSettings, runGenerator } from "../../functions/search-and-cache/generator-handler";
import { handleHealth } from "../../functions/search-and-cache/health-handler";
import {
    apiDependenciesFromEnvironment,
    environmentVariables,
    searchDependenciesFromEnvironment,
    StaticSettings,
    syncDependenciesFromEnvironment,
} from "../../functions/search-and-cache/runtime";
import { handleSearch } from "../../functions/search-and-cache/search-handler";
import { SyncSettings, syncStreamBatch } from "../../functions/search-and-cache/sync-handler";
import { redisPort } from "../defaults/elasticache-defaults";
import {
    apiFunctionTimeoutSeconds,
    batchFunctionTimeoutSeconds,
    bulkRetry,
    functionDeadlines,
    mirrorIndexName,
    mirrorTableKey,
    productIndexName,
} from "../defaults/search-and-cache-defaults";
import { PolicyStatement } from "../iam";
import { InlineLambda } from "../inline-lambda";
import type { PlatformContext } from "../platform-context";

export type ApiFunction = InlineLambda<APIGatewayProxyEvent, APIGatewayProxyResult>;
type ApiHandler = (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

export interface SearchAndCacheFunctions {
    generator: InlineLambda<ScheduledEvent, GeneratorReport>;
    search: ApiFunction;
    cache: ApiFunction;
    health: ApiFunction;
    sync: InlineLambda<DynamoDBStreamEvent, DynamoDBBatchResponse>;
}

export type FunctionName = keyof SearchAndCacheFunctions;
export const functionNames: FunctionName[] = ["generator", "search", "cache", "health", "sync"];
/** The functions that talk to Redis (and so read its AUTH token). */
export const redisClients: FunctionName[] = ["generator", "cache", "health"];

export interface FunctionsArgs {
    platform: PlatformContext;
    domain: aws.opensearch.Domain;
    replicationGroup: aws.elasticache.ReplicationGroup;
    authSecret: aws.secretsmanager.Secret;
    tableStreamArn: pulumi.Input<string>;
    securityGroups: Record<FunctionName, aws.ec2.SecurityGroup>;
    recordsPerRun: number;
    cacheTtlSeconds: number;
    /** Replicas of the products index: 0 on a one-node domain, 1 otherwise. */
    indexReplicas: number;
    tags: Record<string, string>;
}

/** What an API function may reach: the packages it ships, its permissions and its environment. */
interface Access {
    packages: string[];
    permissions: PolicyStatement[];
    environment: Record<string, pulumi.Input<string>>;
}

const basePackages = ["@opensearch-project/opensearch", "@aws-sdk/credential-provider-node", "@aws-lambda-powertools/logger"];
const redisPackages = [...basePackages, "redis", "@aws-sdk/client-secrets-manager"];

export function createFunctions(name: string, args: FunctionsArgs, parent: pulumi.Resource): SearchAndCacheFunctions {
    const { platform, domain } = args;
    const domainResources = [pulumi.interpolate`${domain.arn}/*`];
    const callDomain = (...actions: string[]): PolicyStatement => ({
        sid: "CallSearchDomain",
        actions: actions.map(action => `es:${action}`),
        resources: domainResources,
    });
    const readAuthToken: PolicyStatement[] = [
        { sid: "ReadRedisAuthToken", actions: ["secretsmanager:GetSecretValue"], resources: [args.authSecret.arn] },
        {
            sid: "DecryptRedisAuthToken",
            actions: ["kms:Decrypt"],
            resources: [platform.encryptionKey.arn],
            condition: { StringEquals: { "kms:ViaService": `secretsmanager.${platform.region}.amazonaws.com` } },
        },
    ];
    const searchEnvironment = { [environmentVariables.openSearchEndpoint]: pulumi.interpolate`https://${domain.endpoint}` };
    const redisEnvironment = {
        ...searchEnvironment,
        [environmentVariables.redisHost]: args.replicationGroup.primaryEndpointAddress,
        [environmentVariables.redisPort]: String(redisPort),
        [environmentVariables.redisAuthSecretArn]: args.authSecret.arn,
    };
    const common = { platform, tags: args.tags };
    const child = { parent };

    // Captured by value into the functions' code: plain settings only.
    const apiSettings: StaticSettings = { ...functionDeadlines, productIndex: productIndexName, cacheTtlSeconds: args.cacheTtlSeconds };
    const generatorSettings: GeneratorSettings = { recordsPerRun: args.recordsPerRun, indexReplicas: args.indexReplicas, bulk: bulkRetry };
    const syncSettings: SyncSettings = {
        index: mirrorIndexName,
        keyAttribute: mirrorTableKey,
        bulk: { ...bulkRetry, timeoutMs: functionDeadlines.timeouts.bulkMs },
    };

    const searchOnly: Access = {
        packages: basePackages,
        permissions: [callDomain("ESHttpGet", "ESHttpPost")],
        environment: searchEnvironment,
    };
    const searchAndRedis: Access = {
        packages: redisPackages,
        permissions: [callDomain("ESHttpGet"), ...readAuthToken],
        environment: redisEnvironment,
    };
    const apiFunction = (fn: FunctionName, description: string, access: Access, handlerFactory: () => ApiHandler): ApiFunction =>
        new InlineLambda<APIGatewayProxyEvent, APIGatewayProxyResult>(
            `${name}-${fn}`,
            {
                ...common,
                ...access,
                description,
                handlerFactory,
                securityGroup: args.securityGroups[fn],
                invocation: { kind: "sync" },
                timeoutSeconds: apiFunctionTimeoutSeconds,
            },
            child,
        );

    return {
        generator: new InlineLambda<ScheduledEvent, GeneratorReport>(
            `${name}-generator`,
            {
                ...common,
                description: "Generates e-commerce products on a schedule and writes them to OpenSearch and Redis",
                handlerFactory: () => {
                    const deps = apiDependenciesFromEnvironment(apiSettings);
                    return (event: ScheduledEvent) => runGenerator(deps, generatorSettings, event);
                },
                packages: redisPackages,
                permissions: [callDomain("ESHttpPut", "ESHttpPost"), ...readAuthToken],
                environment: redisEnvironment,
                securityGroup: args.securityGroups.generator,
                invocation: { kind: "async" },
                timeoutSeconds: batchFunctionTimeoutSeconds,
            },
            child,
        ),
        search: apiFunction("search", "GET /search: free-text product search", searchOnly, () => {
            const deps = searchDependenciesFromEnvironment(apiSettings);
            return (event: APIGatewayProxyEvent) => handleSearch(deps, event);
        }),
        cache: apiFunction("cache", "GET /cache: cache-aside product lookup (Redis, then OpenSearch)", searchAndRedis, () => {
            const deps = apiDependenciesFromEnvironment(apiSettings);
            return (event: APIGatewayProxyEvent) => handleCacheLookup(deps, event);
        }),
        health: apiFunction("health", "GET /health: OpenSearch cluster health and Redis PING", searchAndRedis, () => {
            const deps = apiDependenciesFromEnvironment(apiSettings);
            return () => handleHealth(deps);
        }),
        sync: new InlineLambda<DynamoDBStreamEvent, DynamoDBBatchResponse>(
            `${name}-sync`,
            {
                ...common,
                description: "Mirrors the catalog table's stream (INSERT/MODIFY/REMOVE) into OpenSearch",
                handlerFactory: () => {
                    const deps = syncDependenciesFromEnvironment(syncSettings.bulk.timeoutMs);
                    return (event: DynamoDBStreamEvent) => syncStreamBatch(deps, syncSettings, event);
                },
                packages: [...basePackages, "@aws-lambda-powertools/batch", "@aws-sdk/util-dynamodb"],
                permissions: [callDomain("ESHttpPost")],
                environment: searchEnvironment,
                securityGroup: args.securityGroups.sync,
                invocation: { kind: "stream", source: "dynamodb", eventSourceArn: args.tableStreamArn },
                timeoutSeconds: batchFunctionTimeoutSeconds,
            },
            child,
        ),
    };
}
