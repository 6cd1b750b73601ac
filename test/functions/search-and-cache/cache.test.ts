// Tier 3: GET /cache?id= against the real Redis (TLS + AUTH) and OpenSearch, with each stopped in turn.
import { expect } from "chai";
import { handleCacheLookup } from "../../../functions/search-and-cache/cache-handler";
import type { ApiDependencies } from "../../../functions/search-and-cache/dependencies";
import { cacheKey } from "../../../functions/search-and-cache/product-cache";
import { generateProducts, Product } from "../../../functions/search-and-cache/products";
import { apiGatewayGetEvent } from "../../fixtures/events/api-gateway";
import { whilePaused, whileStopped } from "../../support/service-control";
import { requireService } from "../../support/services";
import {
    bodyOf,
    localApiDependencies,
    localRedis,
    redisInspector,
    releaseDependencies,
    seedProducts,
    uniqueIndex,
} from "./local-dependencies";

interface CacheBody {
    source: "cache" | "search";
    degraded: boolean;
    item: Product;
}

describe("GET /cache (tier 3: real Redis and OpenSearch)", function () {
    this.timeout(120_000);
    let deps: ApiDependencies;
    const inspector = redisInspector();
    const [indexedOnly, alsoIndexed] = generateProducts(2, "cache-suite", new Date("2026-11-20T00:00:00Z"));
    const absent = generateProducts(1, "never-generated", new Date())[0];

    const lookup = (id: string | undefined, extra: [string, string][] = []) =>
        handleCacheLookup(
            deps,
            apiGatewayGetEvent("/cache", [...(id === undefined ? [] : ([["id", id]] as [string, string][])), ...extra]),
        );
    const found = async (id: string): Promise<CacheBody> => {
        const response = await lookup(id);
        expect(response.statusCode, response.body).to.equal(200);
        return bodyOf<CacheBody>(response);
    };
    const raw = () => inspector.client();

    before(async () => {
        await requireService("opensearch", "redis");
        deps = localApiDependencies(uniqueIndex("cache"));
        await seedProducts(deps, [indexedOnly, alsoIndexed]);
    });

    beforeEach(async () => {
        await (await raw()).del([indexedOnly, alsoIndexed, absent].map(product => cacheKey(product.id)));
    });

    after(async () => {
        await releaseDependencies(deps);
        await inspector.close();
    });

    it("refuses a missing or malformed id with 400", async () => {
        const malformed = [
            undefined,
            "",
            "abc",
            "not-a-uuid",
            `${indexedOnly.id}x`,
            `x${indexedOnly.id}`,
            "../../etc/passwd",
            "*",
            "0".repeat(5000),
            "00000000-0000-0000-0000-000000000000",
        ];
        for (const id of malformed) {
            const response = await lookup(id);
            expect(response.statusCode, String(id)).to.equal(400);
            expect(bodyOf(response)).to.include({ error: "invalid_request" });
        }
        expect((await lookup(indexedOnly.id, [["debug", "1"]])).statusCode).to.equal(400);
    });

    it("answers a miss from OpenSearch, fills Redis with a TTL, and answers the next lookup from Redis", async () => {
        expect(await found(indexedOnly.id)).to.deep.equal({ source: "search", degraded: false, item: indexedOnly });
        expect(JSON.parse((await (await raw()).get(cacheKey(indexedOnly.id)))!)).to.deep.equal(indexedOnly);
        expect(await (await raw()).ttl(cacheKey(indexedOnly.id))).to.be.within(1, deps.cacheTtlSeconds);
        expect(await found(indexedOnly.id)).to.deep.equal({ source: "cache", degraded: false, item: indexedOnly });
        expect((await found(indexedOnly.id.toUpperCase())).source).to.equal("cache");
    });

    it("treats an unreadable cache entry as a miss and replaces it", async () => {
        await (await raw()).set(cacheKey(alsoIndexed.id), "{not json");
        expect((await found(alsoIndexed.id)).source).to.equal("search");
        expect((await found(alsoIndexed.id)).source).to.equal("cache");
    });

    it("answers 404 for an id found nowhere", async () => {
        const response = await lookup(absent.id);
        expect(response.statusCode).to.equal(404);
        expect(bodyOf(response)).to.deep.equal({ error: "not_found", message: `No product with id ${absent.id}.` });
    });

    it("falls back to OpenSearch, flagged as degraded, while Redis is down; uses Redis again once it is back", async () => {
        await whileStopped("redis", async () => {
            expect(await found(indexedOnly.id)).to.deep.equal({ source: "search", degraded: true, item: indexedOnly });
            expect((await lookup(absent.id)).statusCode).to.equal(404);
        });
        expect((await found(indexedOnly.id)).source).to.equal("search");
        expect((await found(indexedOnly.id)).source).to.equal("cache");
    });

    it("falls back within its deadline while Redis hangs", async () => {
        const started = Date.now();
        await whilePaused("redis", async () => expect(await found(indexedOnly.id)).to.include({ source: "search", degraded: true }));
        expect(Date.now() - started).to.be.lessThan(5000);
    });

    it("falls back when Redis refuses the AUTH token", async () => {
        const wrongToken = { ...deps, redis: localRedis({ authToken: async () => "not-the-token" }) };
        const response = await handleCacheLookup(wrongToken, apiGatewayGetEvent("/cache", [["id", indexedOnly.id]]));
        expect(bodyOf<CacheBody>(response)).to.include({ source: "search", degraded: true });
    });

    it("still answers cached records while OpenSearch is down, and 503 with a clear JSON error for the rest", async () => {
        await found(indexedOnly.id); // now cached
        await whileStopped("opensearch", async () => {
            expect((await found(indexedOnly.id)).source).to.equal("cache");
            const response = await lookup(alsoIndexed.id);
            expect(response.statusCode).to.equal(503);
            expect(bodyOf(response)).to.deep.equal({
                error: "search_unavailable",
                message: "The product store is unavailable; try again shortly.",
            });
        });
    });
});
