// Tier 3: the bulk writer against the real OpenSearch node.
import { expect } from "chai";
import type { Client } from "@opensearch-project/opensearch";
import { BulkAction, writeBulk } from "../../../functions/search-and-cache/bulk-writer";
import { requireService } from "../../support/services";
import { deleteIndex, localOpenSearch, uniqueIndex } from "./local-dependencies";

describe("bulk writer (tier 3: real OpenSearch)", () => {
    let client: Client;
    let index: string;
    const options = () => ({ index, timeoutMs: 5000, maxAttempts: 4, backoffMs: 150 });

    before(async () => {
        await requireService("opensearch");
        client = localOpenSearch(5000);
    });

    beforeEach(async () => {
        index = uniqueIndex("bulk");
        await client.indices.create({
            index,
            body: {
                settings: { number_of_shards: 1, number_of_replicas: 0 },
                mappings: { dynamic: "strict", properties: { name: { type: "keyword" } } },
            },
        });
    });

    afterEach(() => deleteIndex(client, index));
    after(() => client.close());

    const documentIds = async () => {
        await client.indices.refresh({ index });
        const found = await client.search({ index, body: { query: { match_all: {} }, size: 100 } });
        return found.body.hits.hits.map(hit => hit._id).sort();
    };

    it("maps every item to its action when deletes and index actions are mixed (opensearch-js issue 1125)", async () => {
        const actions: BulkAction[] = [
            { kind: "delete", id: "never-existed" },
            { kind: "index", id: "bad", document: { name: "x", unmapped: true } },
            { kind: "index", id: "good", document: { name: "ok" } },
            { kind: "delete", id: "good-too" },
            { kind: "index", id: "also-bad", document: { price: 1 } },
        ];
        const outcomes = await writeBulk(client, actions, options());
        expect(outcomes.map(outcome => outcome.ok)).to.deep.equal([true, false, true, true, false]);
        const refused = outcomes[1];
        expect(refused.ok === false && refused.status).to.equal(400);
        expect(refused.ok === false && refused.reason).to.match(/^strict_dynamic_mapping_exception/);
        expect(await documentIds()).to.deep.equal(["good"]);
    });

    it("applies actions on one id in order within a batch", async () => {
        const outcomes = await writeBulk(
            client,
            [
                { kind: "index", id: "a", document: { name: "v1" } },
                { kind: "index", id: "a", document: { name: "v2" } },
                { kind: "delete", id: "a" },
                { kind: "index", id: "a", document: { name: "v3" } },
                { kind: "index", id: "b", document: { name: "b1" } },
                { kind: "delete", id: "b" },
            ],
            options(),
        );
        expect(outcomes.every(outcome => outcome.ok)).to.equal(true);
        expect(await documentIds()).to.deep.equal(["a"]);
        expect((await client.get({ index, id: "a" })).body._source).to.deep.equal({ name: "v3" });
    });

    it("retries items OpenSearch refuses under pressure (429) until they succeed", async () => {
        // The flood-stage block makes every write item fail with 429, as an overloaded domain does.
        await client.indices.putSettings({ index, body: { "index.blocks.read_only_allow_delete": true } });
        const lifted = new Promise(resolve => setTimeout(resolve, 250)).then(() =>
            client.indices.putSettings({ index, body: { "index.blocks.read_only_allow_delete": null } }),
        );
        const outcomes = await writeBulk(client, [{ kind: "index", id: "a", document: { name: "eventually" } }], options());
        await lifted;
        expect(outcomes).to.deep.equal([{ ok: true }]);
        expect(await documentIds()).to.deep.equal(["a"]);
    });

    it("reports a 429 that outlasts its attempts instead of retrying forever", async () => {
        await client.indices.putSettings({ index, body: { "index.blocks.read_only_allow_delete": true } });
        try {
            const outcomes = await writeBulk(client, [{ kind: "index", id: "a", document: { name: "x" } }], {
                ...options(),
                maxAttempts: 2,
            });
            expect(outcomes).to.have.length(1);
            expect(outcomes[0].ok).to.equal(false);
            expect(outcomes[0].ok === false && outcomes[0].status).to.equal(429);
            expect(outcomes[0].ok === false && outcomes[0].reason).to.match(/^cluster_block_exception/);
        } finally {
            await client.indices.putSettings({ index, body: { "index.blocks.read_only_allow_delete": null } });
        }
    });

    it("does not retry an action a later action on the same id has already replaced", async () => {
        // Status 400 is made retryable here only to get a failed-but-retryable item next to a
        // succeeding one on the same id; retrying it would fail again and be reported.
        const outcomes = await writeBulk(
            client,
            [
                { kind: "index", id: "a", document: { name: "old", unmapped: 1 } },
                { kind: "index", id: "a", document: { name: "new" } },
                { kind: "index", id: "b", document: { name: "b", unmapped: 1 } },
            ],
            { ...options(), retryableStatuses: [400], maxAttempts: 2 },
        );
        expect(outcomes.map(outcome => outcome.ok)).to.deep.equal([true, true, false]);
        expect((await client.get({ index, id: "a" })).body._source).to.deep.equal({ name: "new" });
    });

    it("throws when OpenSearch cannot be reached at all", async () => {
        const { Client } = await import("@opensearch-project/opensearch");
        const nowhere = new Client({ node: "http://127.0.0.1:9", requestTimeout: 500, maxRetries: 0 });
        const failure = await writeBulk(nowhere, [{ kind: "delete", id: "a" }], options()).then(
            () => undefined,
            (error: Error) => error,
        );
        expect(failure?.name).to.equal("ConnectionError");
    });
});
