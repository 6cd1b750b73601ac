// Tier 3: the scheduled generator against the real OpenSearch and Redis (TLS + AUTH).
import { expect } from "chai";
import { ensureProductIndex } from "../../../functions/search-and-cache/product-index";
import { cacheKey } from "../../../functions/search-and-cache/product-cache";
import { categories, Product } from "../../../functions/search-and-cache/products";
import { GeneratorSettings, runGenerator } from "../../../functions/search-and-cache/generator-handler";
import type { ApiDependencies } from "../../../functions/search-and-cache/dependencies";
import { scheduledEvent } from "../../fixtures/events/scheduled";
import { failureOf, whileStopped } from "../../support/service-control";
import { requireService } from "../../support/services";
import { localApiDependencies, redisInspector, releaseDependencies, uniqueIndex } from "./local-dependencies";

const settings: GeneratorSettings = { recordsPerRun: 10, indexReplicas: 0, bulk: { maxAttempts: 3, backoffMs: 50 } };
const nameBasedUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("generator (tier 3: real OpenSearch and Redis)", function () {
    this.timeout(120_000);
    let deps: ApiDependencies;
    let inspector: ReturnType<typeof redisInspector>;

    before(() => requireService("opensearch", "redis"));

    beforeEach(() => {
        deps = localApiDependencies(uniqueIndex("products"));
        inspector = redisInspector();
    });

    afterEach(async () => {
        await releaseDependencies(deps);
        await inspector.close();
    });

    const raw = () => inspector.client();

    const indexed = async (ids: string[]): Promise<Product[]> => {
        await deps.openSearch.indices.refresh({ index: deps.productIndex });
        const found = await deps.openSearch.mget({ index: deps.productIndex, body: { ids } });
        return (found.body.docs as { found: boolean; _source: Product }[]).filter(doc => doc.found).map(doc => doc._source);
    };
    const documentCount = async () => {
        await deps.openSearch.indices.refresh({ index: deps.productIndex });
        return (await deps.openSearch.count({ index: deps.productIndex })).body.count;
    };

    it("creates the products index with its strict mapping once, however many runs race for it", async () => {
        const results = await Promise.all([1, 2, 3].map(() => ensureProductIndex(deps.openSearch, deps.productIndex, 0, 5000)));
        expect(results.filter(result => result === "created")).to.have.length(1);
        expect(results.filter(result => result === "existed")).to.have.length(2);
        const mapping = (await deps.openSearch.indices.getMapping({ index: deps.productIndex })).body[deps.productIndex].mappings;
        expect(mapping.dynamic).to.equal("strict");
        expect(mapping.properties).to.deep.include({
            id: { type: "keyword" },
            category: { type: "keyword" },
            price: { type: "scaled_float", scaling_factor: 100 },
        });
    });

    it("indexes N realistic products and caches the same products in Redis with a TTL", async () => {
        const report = await runGenerator(deps, settings, scheduledEvent());
        expect(report).to.include({ indexed: 10, cached: 10 });
        const products = await indexed(report.ids);
        expect(products).to.have.length(10);
        for (const product of products) {
            expect(product.id).to.match(nameBasedUuid);
            expect(categories).to.include(product.category);
            expect(product.name).to.match(/\S+ \S+/);
            expect(product.description.length).to.be.greaterThan(20);
            expect(product.price).to.be.greaterThan(0);
            expect(Math.round(product.price * 100) / 100).to.equal(product.price);
            expect(product.tags.length).to.be.greaterThan(0);
            expect(product.rating).to.be.within(1, 5);
            expect(Date.parse(product.createdAt)).to.be.at.most(Date.parse(product.updatedAt));
            expect(JSON.parse((await (await raw()).get(cacheKey(product.id)))!)).to.deep.equal(product);
            expect(await (await raw()).ttl(cacheKey(product.id))).to.be.within(1, deps.cacheTtlSeconds);
        }
    });

    it("rewrites the same products when the same scheduled event is retried, and new ones for a new event", async () => {
        const event = scheduledEvent();
        const first = await runGenerator(deps, settings, event);
        const retry = await runGenerator(deps, settings, event);
        expect(retry.ids).to.deep.equal(first.ids);
        expect(await documentCount()).to.equal(10);
        const next = await runGenerator(deps, settings, scheduledEvent());
        expect(next.ids.filter(id => first.ids.includes(id))).to.deep.equal([]);
        expect(await documentCount()).to.equal(20);
    });

    it("throws, naming what OpenSearch refused, when documents cannot be indexed", async () => {
        // An index someone created with a clashing mapping: every document is refused.
        await deps.openSearch.indices.create({
            index: deps.productIndex,
            body: { mappings: { properties: { category: { type: "long" } } } },
        });
        const failure = await failureOf(runGenerator(deps, settings, scheduledEvent()));
        expect(failure?.message).to.match(/OpenSearch: 10 of 10 documents were not indexed \(.*mapper_parsing_exception/);
    });

    it("throws when Redis is down, after indexing the products in OpenSearch", async () => {
        const event = scheduledEvent();
        const failure = await whileStopped("redis", () => failureOf(runGenerator(deps, settings, event)));
        expect(failure?.message).to.match(/^generator run for event .* failed: Redis: /);
        expect(failure?.message).not.to.contain("OpenSearch:");
        expect(await documentCount()).to.equal(10);
        // The retry Lambda makes after the failure completes the run.
        expect(await runGenerator(deps, settings, event)).to.include({ indexed: 10, cached: 10 });
    });

    it("throws when OpenSearch is down, after caching the products in Redis", async () => {
        const event = scheduledEvent();
        const failure = await whileStopped("opensearch", () => failureOf(runGenerator(deps, settings, event)));
        expect(failure?.message).to.match(/failed: OpenSearch: /);
        expect(failure?.message).not.to.contain("Redis:");
        const cached = await (await raw()).exists((await runGenerator(deps, settings, event)).ids.map(cacheKey));
        expect(cached).to.equal(10);
    });
});
