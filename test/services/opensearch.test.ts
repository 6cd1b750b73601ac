import { randomUUID } from "node:crypto";

import { expect } from "chai";

import { openSearchClient, requireService, settingsFor } from "../support/services";

interface Order {
    orderId: string;
    customer: string;
    note: string;
    amount: number;
}

describe("local services: OpenSearch (embedded node)", function () {
    const index = `smoke-${randomUUID()}`;
    let os: ReturnType<typeof openSearchClient>;
    const client = () => os;

    before(async function () {
        await requireService("opensearch");
        os = openSearchClient();
    });

    after(async function () {
        // Leave nothing behind even when a test failed half-way.
        const exists = await client()
            .indices.exists({ index })
            .catch(() => undefined);
        if (exists?.body === true) await client().indices.delete({ index });
        await os?.close();
    });

    it("runs the expected version with the classpath modules loaded", async function () {
        const info = await client().info();
        expect(info.body.version.number).to.equal(settingsFor("opensearch").version);

        const plugins = await client().cat.plugins({ format: "json" });
        const components = (plugins.body as Array<{ component?: string }>).map(p => p.component);
        expect(components).to.include.members([
            "org.opensearch.transport.Netty4Plugin",
            "org.opensearch.analysis.common.CommonAnalysisPlugin",
        ]);
    });

    it("analyses text with analysis-common filters", async function () {
        const { body } = await client().indices.analyze({
            body: { tokenizer: "standard", filter: ["lowercase", "porter_stem"], text: "Running Pipelines" },
        });
        expect((body.tokens ?? []).map(t => t.token)).to.deep.equal(["run", "pipelin"]);
    });

    it("creates an index, indexes with refresh, searches, and deletes the index", async function () {
        const created = await client().indices.create({
            index,
            body: {
                settings: {
                    number_of_shards: 1,
                    number_of_replicas: 0,
                    analysis: {
                        // edge_ngram comes from analysis-common: a typical search-as-you-type setup.
                        filter: { prefixes: { type: "edge_ngram", min_gram: 2, max_gram: 10 } },
                        analyzer: { autocomplete: { type: "custom", tokenizer: "standard", filter: ["lowercase", "prefixes"] } },
                    },
                },
                mappings: {
                    properties: {
                        orderId: { type: "keyword" },
                        customer: { type: "keyword" },
                        note: { type: "text", analyzer: "autocomplete", search_analyzer: "standard" },
                        amount: { type: "scaled_float", scaling_factor: 100 },
                    },
                },
            },
        });
        expect(created.body.acknowledged).to.equal(true);

        const doc: Order = { orderId: "o-1", customer: "alice", note: "Express delivery to Lisbon", amount: 12.5 };
        const indexed = await client().index({ index, id: doc.orderId, body: doc, refresh: true });
        expect(indexed.body.result).to.equal("created");
        await client().index({
            index,
            id: "o-2",
            body: { orderId: "o-2", customer: "bob", note: "Standard shipping", amount: 3 },
            refresh: true,
        });

        // "deliv" only matches through the edge n-grams built at index time.
        const found = await client().search({ index, body: { query: { match: { note: "deliv" } } } });
        const hits = found.body.hits.hits;
        expect(hits).to.have.length(1);
        expect(hits[0]._id).to.equal("o-1");
        expect(hits[0]._source).to.deep.equal(doc);

        const byAmount = await client().search({
            index,
            body: { query: { range: { amount: { gte: 10 } } }, aggs: { total: { sum: { field: "amount" } } } },
        });
        expect(byAmount.body.hits.hits.map(h => h._id)).to.deep.equal(["o-1"]);
        expect(byAmount.body.aggregations?.total).to.deep.equal({ value: 12.5 });

        const deleted = await client().indices.delete({ index });
        expect(deleted.body.acknowledged).to.equal(true);
        expect((await client().indices.exists({ index })).body).to.equal(false);
    });
});
