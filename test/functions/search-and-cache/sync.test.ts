// Tier 3: the DynamoDB-stream mirror, fed the records moto's DynamoDB Streams really emits, writing
// to the real OpenSearch node.
import { expect } from "chai";
import type { Client } from "@opensearch-project/opensearch";
import type { DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { SyncSettings, syncStreamBatch } from "../../../functions/search-and-cache/sync-handler";
import { streamEventFor } from "../../fixtures/events/dynamodb-stream";
import { failureOf, whileStopped } from "../../support/service-control";
import { requireService, resetMoto } from "../../support/services";
import { deleteIndex, localOpenSearch, silentLog, uniqueIndex } from "./local-dependencies";

describe("DynamoDB stream mirror (tier 3: moto streams into real OpenSearch)", function () {
    this.timeout(120_000);
    let openSearch: Client;
    let settings: SyncSettings;
    let tableCount = 0;

    const sync = (event: DynamoDBStreamEvent) => syncStreamBatch({ openSearch, log: silentLog }, settings, event);
    const eventFor = async (writes: Parameters<typeof streamEventFor>[1]) =>
        (await streamEventFor(`catalog-${++tableCount}`, writes)).event;
    const mirrored = async (): Promise<Record<string, unknown>> => {
        await openSearch.indices.refresh({ index: settings.index }, { ignore: [404] });
        const found = await openSearch.search({ index: settings.index, body: { query: { match_all: {} }, size: 100 } }, { ignore: [404] });
        return Object.fromEntries((found.body.hits?.hits ?? []).map(hit => [hit._id, hit._source]));
    };
    const sequenceOf = (record: DynamoDBRecord) => record.dynamodb!.SequenceNumber!;

    before(async () => {
        await requireService("opensearch", "moto");
        await resetMoto();
        openSearch = localOpenSearch(5000);
    });

    beforeEach(() => {
        settings = { index: uniqueIndex("mirror"), keyAttribute: "id", bulk: { timeoutMs: 5000, maxAttempts: 3, backoffMs: 50 } };
    });

    afterEach(() => deleteIndex(openSearch, settings.index));
    after(() => openSearch.close());

    it("indexes INSERT and MODIFY new images and deletes on REMOVE", async () => {
        const event = await eventFor([
            { put: { id: "a", name: "Lamp", price: 25 } },
            { put: { id: "b", name: "Chair", price: 80 } },
            { update: { id: "a", set: { price: 19.5 } } },
            { delete: { id: "b" } },
            { put: { id: "c", name: "Desk", price: 240 } },
        ]);
        expect(event.Records.map(record => record.eventName)).to.deep.equal(["INSERT", "INSERT", "MODIFY", "REMOVE", "INSERT"]);
        expect(await sync(event)).to.deep.equal({ batchItemFailures: [] });
        expect(await mirrored()).to.deep.equal({
            a: { id: "a", name: "Lamp", price: 19.5 },
            c: { id: "c", name: "Desk", price: 240 },
        });
    });

    it("keeps per-key order within a batch, and mirrors the same batch again to the same state", async () => {
        const event = await eventFor([
            { put: { id: "k", version: 1 } },
            { update: { id: "k", set: { version: 2 } } },
            { delete: { id: "k" } },
            { put: { id: "k", version: 3 } },
            { put: { id: "gone", version: 1 } },
            { delete: { id: "gone" } },
        ]);
        expect(await sync(event)).to.deep.equal({ batchItemFailures: [] });
        expect(await mirrored()).to.deep.equal({ k: { id: "k", version: 3 } });
        // Lambda re-delivers records after a partial failure: replaying must not change the result.
        expect(await sync(event)).to.deep.equal({ batchItemFailures: [] });
        expect(await mirrored()).to.deep.equal({ k: { id: "k", version: 3 } });
    });

    it("turns DynamoDB types into JSON: numbers, sets, lists, maps, booleans, null and binary", async () => {
        const event = await eventFor([
            {
                put: {
                    id: "typed",
                    price: 12.99,
                    big: 12345678901234567890n,
                    tags: new Set(["b", "a"]),
                    sizes: new Set([42, 40]),
                    dims: [30.5, 40.5],
                    parts: [{ name: "leg", count: 4 }],
                    meta: { inStock: true, note: null },
                    blob: new Uint8Array([104, 105]),
                },
            },
        ]);
        expect(await sync(event)).to.deep.equal({ batchItemFailures: [] });
        expect((await mirrored()).typed).to.deep.equal({
            id: "typed",
            price: 12.99,
            big: "12345678901234567890",
            tags: ["a", "b"],
            sizes: [40, 42],
            dims: [30.5, 40.5],
            parts: [{ name: "leg", count: 4 }],
            meta: { inStock: true, note: null },
            blob: "aGk=",
        });
    });

    it("fails malformed records alone, reporting each by sequence number, and mirrors the rest", async () => {
        const event = await eventFor([{ put: { id: "good-1", n: 1 } }, { put: { id: "good-2", n: 2 } }, { put: { id: "good-3", n: 3 } }]);
        const [template] = event.Records;
        const broken = (sequence: string, change: (record: DynamoDBRecord) => DynamoDBRecord): DynamoDBRecord =>
            change({ ...template, eventID: `broken-${sequence}`, dynamodb: { ...template.dynamodb, SequenceNumber: sequence } });
        const malformed = [
            broken("900", record => ({ ...record, dynamodb: { ...record.dynamodb, Keys: undefined } })),
            broken("901", record => ({ ...record, eventName: "TRUNCATE" as DynamoDBRecord["eventName"] })),
            broken("902", record => ({ ...record, dynamodb: { ...record.dynamodb, NewImage: undefined } })),
            broken("903", record => ({ ...record, dynamodb: { ...record.dynamodb, Keys: { id: { BOOL: true } } } })),
            broken("904", record => ({ ...record, dynamodb: { ...record.dynamodb, Keys: { id: { S: "x".repeat(513) } } } })),
            broken("905", record => ({
                ...record,
                dynamodb: { ...record.dynamodb, Keys: { id: { S: "odd" } }, NewImage: { id: { Q: "?" } } as never },
            })),
        ];
        const mixed: DynamoDBStreamEvent = {
            Records: [event.Records[0], malformed[0], malformed[1], event.Records[1], ...malformed.slice(2), event.Records[2]],
        };
        const response = await sync(mixed);
        expect(response.batchItemFailures.map(failure => failure.itemIdentifier)).to.deep.equal(["900", "901", "902", "903", "904", "905"]);
        expect(Object.keys(await mirrored()).sort()).to.deep.equal(["good-1", "good-2", "good-3"]);
    });

    it("fails alone a record OpenSearch refuses, and mirrors the rest", async () => {
        await openSearch.indices.create({ index: settings.index, body: { mappings: { properties: { price: { type: "float" } } } } });
        const event = await eventFor([
            { put: { id: "p1", price: 10 } },
            { put: { id: "p2", price: "ten euros" } },
            { put: { id: "p3", price: 30 } },
        ]);
        const response = await sync(event);
        expect(response.batchItemFailures).to.deep.equal([{ itemIdentifier: sequenceOf(event.Records[1]) }]);
        expect(Object.keys(await mirrored()).sort()).to.deep.equal(["p1", "p3"]);
    });

    it("throws when every record fails, so Lambda retries the batch (bisecting it) instead of skipping it", async () => {
        const event = await eventFor([{ put: { id: "only" } }]);
        const failure = await failureOf(
            sync({ Records: event.Records.map(record => ({ ...record, eventName: "TRUNCATE" as DynamoDBRecord["eventName"] })) }),
        );
        expect(failure?.name).to.equal("FullBatchFailureError");
    });

    it("throws while OpenSearch is down, so Lambda retries the batch; the retry mirrors it", async () => {
        const event = await eventFor([{ put: { id: "later", n: 1 } }]);
        const failure = await whileStopped("opensearch", () => failureOf(sync(event)));
        expect(failure?.name).to.equal("ConnectionError");
        expect(await sync(event)).to.deep.equal({ batchItemFailures: [] });
        expect(Object.keys(await mirrored())).to.deep.equal(["later"]);
    });
});
