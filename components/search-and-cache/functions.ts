// The five SearchAndCache functions, each an InlineLambda with its own role, security group and
// only the packages and permissions its code uses.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { APIGatewayProxyEvent, APIGatewayProxyResult, DynamoDBBatchResponse, DynamoDBStreamEvent, ScheduledEvent } from "aws-lambda";
import type { GeneratorReport, GeneratorSettings } from "../../functions/search-and-cache/generator-handler";
import { redisEnvironment, searchEnvironment } from "../../functions/search-and-cache/environment";
import {
    ApiHandler,
    cacheHandler,
    functionPackages,
    generatorHandler,
    healthHandler,
    searchHandler,
    syncHandler,
} from "../../functions/search-and-cache/lambda";
import type { StaticSettings } from "../../functions/search-and-cache/runtime";
import type { SyncSettings } from "../../functions/search-and-cache/sync-handler";
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
import { environmentVariables } from "../lambda-environment";
import type { PlatformContext } from "../platform-context";

export type ApiFunction = InlineLambda<APIGatewayProxyEvent, APIGatewayProxyResult>;

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
    const openSearchEndpoint = pulumi.interpolate`https://${domain.endpoint}`;
    const searchVariables = environmentVariables(searchEnvironment, { openSearchEndpoint });
    const redisVariables = environmentVariables(redisEnvironment, {
        openSearchEndpoint,
        redisHost: args.replicationGroup.primaryEndpointAddress,
        redisPort,
        redisAuthSecretArn: args.authSecret.arn,
    });
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
        packages: functionPackages.search,
        permissions: [callDomain("ESHttpGet", "ESHttpPost")],
        environment: searchVariables,
    };
    const searchAndRedis: Access = {
        packages: functionPackages.cache,
        permissions: [callDomain("ESHttpGet"), ...readAuthToken],
        environment: redisVariables,
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
                handlerFactory: generatorHandler(apiSettings, generatorSettings),
                packages: functionPackages.generator,
                permissions: [callDomain("ESHttpPut", "ESHttpPost"), ...readAuthToken],
                environment: redisVariables,
                securityGroup: args.securityGroups.generator,
                invocation: { kind: "async" },
                timeoutSeconds: batchFunctionTimeoutSeconds,
            },
            child,
        ),
        search: apiFunction("search", "GET /search: free-text product search", searchOnly, searchHandler(apiSettings)),
        cache: apiFunction(
            "cache",
            "GET /cache: cache-aside product lookup (Redis, then OpenSearch)",
            searchAndRedis,
            cacheHandler(apiSettings),
        ),
        health: apiFunction(
            "health",
            "GET /health: OpenSearch cluster health and Redis PING",
            { ...searchAndRedis, packages: functionPackages.health },
            healthHandler(apiSettings),
        ),
        sync: new InlineLambda<DynamoDBStreamEvent, DynamoDBBatchResponse>(
            `${name}-sync`,
            {
                ...common,
                description: "Mirrors the catalog table's stream (INSERT/MODIFY/REMOVE) into OpenSearch",
                handlerFactory: syncHandler(syncSettings),
                packages: functionPackages.sync,
                permissions: [callDomain("ESHttpPost")],
                environment: searchVariables,
                securityGroup: args.securityGroups.sync,
                invocation: { kind: "stream", source: "dynamodb", eventSourceArn: args.tableStreamArn },
                timeoutSeconds: batchFunctionTimeoutSeconds,
            },
            child,
        ),
    };
}
