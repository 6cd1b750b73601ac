// Tier 4: the code Pulumi would upload for each SearchAndCache function, loaded in a fresh process
// with only the packages its archive ships, invoked with real event shapes against the local
// OpenSearch, Redis (TLS + AUTH, token in moto's Secrets Manager) and moto's DynamoDB Streams.
import { expect } from "chai";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { APIGatewayProxyResult, DynamoDBBatchResponse } from "aws-lambda";
import { createClient } from "redis";
import { SearchAndCache } from "../../components/search-and-cache";
import { mirrorIndexName, productIndexName } from "../../components/defaults/search-and-cache-defaults";
import type { GeneratorReport } from "../../functions/search-and-cache/generator-handler";
import { cacheKey } from "../../functions/search-and-cache/product-cache";
import { apiGatewayGetEvent } from "../fixtures/events/api-gateway";
import { streamEventFor } from "../fixtures/events/dynamodb-stream";
import { scheduledEvent } from "../fixtures/events/scheduled";
import { deleteIndex, localOpenSearch } from "../functions/search-and-cache/local-dependencies";
import { mocked } from "../support/pulumi";
import { testPlatform } from "../support/platform";
import { invokeInFreshProcess, LambdaArchive, materialize } from "../support/serialized-lambda";
import { awsClientConfig, motoEnvironment, redisOptions, requireService, resetMoto, settingsFor } from "../support/services";

type FunctionName = keyof SearchAndCache["functions"];

describe("SearchAndCache functions as uploaded (tier 4)", function () {
    this.timeout(180_000);
    const archives = {} as Record<FunctionName, LambdaArchive>;
    let environment: Record<string, string>;
    const openSearch = localOpenSearch(5000);

    const invoke = <R>(fn: FunctionName, event: unknown, overrides: Record<string, string> = {}) =>
        invokeInFreshProcess<R>(archives[fn], event, { ...environment, ...overrides });
    const api = async (fn: FunctionName, resource: string, query: [string, string][] = [], overrides: Record<string, string> = {}) => {
        const invocation = await invoke<APIGatewayProxyResult>(fn, apiGatewayGetEvent(resource, query), overrides);
        expect(invocation.error, JSON.stringify(invocation.error)).to.equal(undefined);
        return { status: invocation.result!.statusCode, body: JSON.parse(invocation.result!.body) as Record<string, unknown> };
    };

    before(async () => {
        await requireService("opensearch", "redis", "moto");
        await resetMoto();
        await Promise.all([productIndexName, mirrorIndexName].map(index => deleteIndex(openSearch, index)));
        await mocked();
        const { platform } = testPlatform("t4-shop");
        const component = new SearchAndCache("t4-shop", { platform });
        for (const fn of Object.keys(component.functions) as FunctionName[]) {
            archives[fn] = await materialize(component.functions[fn]);
        }
        const redis = settingsFor("redis");
        const secret = await new SecretsManagerClient(awsClientConfig()).send(
            new CreateSecretCommand({ Name: "t4-shop-redis-auth", SecretString: redis.password }),
        );
        // What the deployment would resolve, pointed at the local services. The local Redis
        // certificate is signed by the local CA; ElastiCache's is publicly trusted.
        environment = {
            OPENSEARCH_ENDPOINT: settingsFor("opensearch").node,
            REDIS_HOST: redis.host,
            REDIS_PORT: String(redis.port),
            REDIS_AUTH_SECRET_ARN: secret.ARN!,
            NODE_EXTRA_CA_CERTS: redis.caFile,
            ...motoEnvironment(),
            POWERTOOLS_LOG_LEVEL: "SILENT",
        };
    });

    after(async () => {
        await Promise.all([productIndexName, mirrorIndexName].map(index => deleteIndex(openSearch, index)));
        await openSearch.close();
    });

    it("uploads one bundled file per function, built from only the packages its code uses", () => {
        const shipped = (fn: FunctionName) => archives[fn].packages;
        for (const fn of Object.keys(archives) as FunctionName[]) {
            expect(archives[fn].files, fn).to.deep.equal(["__index.js"]);
        }
        for (const fn of ["generator", "cache", "health"] as const) {
            expect(shipped(fn)).to.include.members(["@opensearch-project/opensearch", "redis", "@aws-sdk/client-secrets-manager"]);
        }
        expect(shipped("search")).to.include("@opensearch-project/opensearch");
        expect(shipped("search")).not.to.include.members(["redis"]);
        expect(shipped("search")).not.to.include("@aws-sdk/client-secrets-manager");
        expect(shipped("sync")).to.include.members(["@aws-lambda-powertools/batch", "@aws-sdk/util-dynamodb"]);
        expect(shipped("sync")).not.to.include("redis");
        for (const fn of Object.keys(archives) as FunctionName[]) {
            expect(shipped(fn)).not.to.include.members(["pg", "csv-parse", "@pulumi/pulumi", "@pulumi/aws"]);
        }
    });

    it("generator: a scheduled event writes the products to OpenSearch and Redis", async () => {
        const invocation = await invoke<GeneratorReport>("generator", scheduledEvent());
        expect(invocation.error, JSON.stringify(invocation.error)).to.equal(undefined);
        const report = invocation.result!;
        expect(report).to.include({ indexed: 10, cached: 10 });
        await openSearch.indices.refresh({ index: productIndexName });
        expect((await openSearch.count({ index: productIndexName })).body.count).to.equal(10);
        const redis = createClient(redisOptions());
        await redis.connect();
        try {
            expect(await redis.exists(report.ids.map(cacheKey))).to.equal(10);
        } finally {
            await redis.quit();
        }
    });

    it("generator: fails (so Lambda retries) when Redis refuses it", async () => {
        const invocation = await invoke<GeneratorReport>("generator", scheduledEvent(), { REDIS_PORT: "9" });
        expect(invocation.ok).to.equal(false);
        expect(invocation.error!.message).to.match(/failed: Redis: /);
    });

    it("search: answers an API Gateway proxy event with total, items and timing; 400 for bad input", async () => {
        const found = await api("search", "/search", [["size", "5"]]);
        expect(found.status).to.equal(200);
        expect(found.body.total).to.be.at.least(10);
        expect(found.body.items).to.have.length(5);
        expect(found.body.timing).to.have.property("totalMs");
        const bad = await api("search", "/search", [["size", "1e3"]]);
        expect(bad).to.deep.equal({ status: 400, body: { error: "invalid_request", message: "size must be an integer from 0 to 100" } });
    });

    it("cache: answers from Redis, and from OpenSearch flagged degraded when Redis is unreachable", async () => {
        const { body } = await api("search", "/search", [["size", "1"]]);
        const id = (body.items as { id: string }[])[0].id;
        // The indexed document may predate this run's generator: the first read fills Redis (cache-aside).
        expect((await api("cache", "/cache", [["id", id]])).body).to.include({ degraded: false });
        expect((await api("cache", "/cache", [["id", id]])).body).to.include({ source: "cache", degraded: false });
        expect((await api("cache", "/cache", [["id", id]], { REDIS_PORT: "9" })).body).to.include({ source: "search", degraded: true });
        expect((await api("cache", "/cache", [["id", "../etc"]])).status).to.equal(400);
    });

    it("health: 200 with both dependencies up, 503 naming the one that is not", async () => {
        const up = await api("health", "/health");
        expect(up.status).to.equal(200);
        expect(up.body.down).to.deep.equal([]);
        const down = await api("health", "/health", [], { OPENSEARCH_ENDPOINT: "http://127.0.0.1:9" });
        expect(down.status).to.equal(503);
        expect(down.body.down).to.deep.equal(["opensearch"]);
        expect(JSON.stringify(down.body)).not.to.match(/\bat \S+:\d+:\d+/);
    });

    it("sync: mirrors the DynamoDB stream event moto emits, reporting nothing failed", async () => {
        const { event } = await streamEventFor("t4-catalog", [
            { put: { id: "lamp", name: "Desk lamp", price: 25 } },
            { put: { id: "chair", name: "Chair", price: 80 } },
            { update: { id: "lamp", set: { price: 19.5 } } },
            { delete: { id: "chair" } },
        ]);
        const invocation = await invoke<DynamoDBBatchResponse>("sync", event);
        expect(invocation.error, JSON.stringify(invocation.error)).to.equal(undefined);
        expect(invocation.result).to.deep.equal({ batchItemFailures: [] });
        await openSearch.indices.refresh({ index: mirrorIndexName });
        const mirrored = await openSearch.search({ index: mirrorIndexName, body: { query: { match_all: {} } } });
        expect(mirrored.body.hits.hits.map(hit => [hit._id, hit._source])).to.deep.equal([
            ["lamp", { id: "lamp", name: "Desk lamp", price: 19.5 }],
        ]);
    });
});
