// Tier 3: GET /search against the real OpenSearch node, hostile input included.
import { expect } from "chai";
import type { APIGatewayProxyResult } from "aws-lambda";
import type { ApiDependencies } from "../../../functions/search-and-cache/dependencies";
import { generateProducts, Product } from "../../../functions/search-and-cache/products";
import { handleSearch } from "../../../functions/search-and-cache/search-handler";
import { apiGatewayGetEvent } from "../../fixtures/events/api-gateway";
import { whilePaused, whileStopped } from "../../support/service-control";
import { requireService } from "../../support/services";
import { bodyOf, localApiDependencies, releaseDependencies, seedProducts, uniqueIndex } from "./local-dependencies";

interface SearchBody {
    total: number;
    items: Product[];
    from: number;
    size: number;
    timing: { searchMs?: number; totalMs: number };
}

/** Products with known text, next to generated ones. */
function knownProduct(id: string, name: string, category: Product["category"], description: string): Product {
    return {
        ...generateProducts(1, id, new Date("2026-11-01T00:00:00Z"))[0],
        id,
        name,
        category,
        description,
        tags: ["known"],
    };
}

const known = [
    knownProduct(
        "00000000-0000-5000-8000-000000000001",
        "Auralis Pro Wireless Headphones (Navy)",
        "electronics",
        "Over-ear headphones with noise cancelling.",
    ),
    knownProduct(
        "00000000-0000-5000-8000-000000000002",
        "Harbor Press Mediterranean Cookbook",
        "books",
        "Recipes from the coast, with Ünïcödé accents and emoji 🍋.",
    ),
    knownProduct(
        "00000000-0000-5000-8000-000000000003",
        "Fjordline Merino Sweater (Slate)",
        "clothing",
        "A warm sweater for cold evenings.",
    ),
];

describe("GET /search (tier 3: real OpenSearch)", function () {
    this.timeout(120_000);
    let deps: ApiDependencies;
    const catalogue = [...known, ...generateProducts(37, "search-suite", new Date("2026-11-20T00:00:00Z"))];

    const search = (query: [string, string][]) => handleSearch(deps, apiGatewayGetEvent("/search", query));
    const ok = async (query: [string, string][]): Promise<SearchBody> => {
        const response = await search(query);
        expect(response.statusCode, response.body).to.equal(200);
        return bodyOf<SearchBody>(response);
    };
    const rejected = async (query: [string, string][]): Promise<string> => {
        const response = await search(query);
        expect(response.statusCode, `${JSON.stringify(query)} -> ${response.body}`).to.equal(400);
        const body = bodyOf<{ error: string; message: string }>(response);
        expect(body.error).to.equal("invalid_request");
        return body.message;
    };

    before(async () => {
        await requireService("opensearch");
        deps = localApiDependencies(uniqueIndex("search"));
        await seedProducts(deps, catalogue);
    });

    after(() => releaseDependencies(deps));

    it("returns everything for no q, an empty q or *, with total, items and timing", async () => {
        for (const query of [[], [["q", ""]], [["q", "*"]], [["q", "   "]]] as [string, string][][]) {
            const body = await ok(query);
            expect(body.total).to.equal(catalogue.length);
            expect(body.items).to.have.length(10);
            expect(body).to.include({ from: 0, size: 10 });
            expect(body.timing.totalMs).to.be.a("number");
            expect(body.timing.searchMs).to.be.a("number");
        }
    });

    it("answers JSON with headers that keep it out of caches and sniffers", async () => {
        const response = await search([["q", "sweater"]]);
        expect(response.headers).to.deep.include({ "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
    });

    it("matches free text in name, description and category, best match first", async () => {
        expect((await ok([["q", "wireless headphones"]])).items[0].id).to.equal(known[0].id);
        expect((await ok([["q", "recipes coast"]])).items[0].id).to.equal(known[1].id);
        const books = await ok([
            ["q", "books"],
            ["size", "100"],
        ]);
        expect(books.total).to.be.greaterThan(0);
        expect(books.items.every(item => item.category === "books")).to.equal(true);
        expect((await ok([["q", "Ünïcödé 🍋"]])).items[0].id).to.equal(known[1].id);
    });

    it("filters by category, whatever its case", async () => {
        const body = await ok([
            ["category", "CLOTHING"],
            ["size", "100"],
        ]);
        const expected = catalogue.filter(product => product.category === "clothing").length;
        expect(body.total).to.equal(expected);
        expect(body.items.every(item => item.category === "clothing")).to.equal(true);
        expect(
            (
                await ok([
                    ["q", "sweater"],
                    ["category", "books"],
                ])
            ).items.map(item => item.id),
        ).not.to.include(known[2].id);
    });

    it("pages with from and size without overlap, up to 100 a page", async () => {
        const first = await ok([["size", "15"]]);
        const second = await ok([
            ["size", "15"],
            ["from", "15"],
        ]);
        const third = await ok([
            ["size", "15"],
            ["from", "30"],
        ]);
        const ids = [...first.items, ...second.items, ...third.items].map(item => item.id);
        expect(new Set(ids).size).to.equal(catalogue.length);
        expect((await ok([["size", "100"]])).items).to.have.length(catalogue.length);
        const countOnly = await ok([["size", "0"]]);
        expect(countOnly.items).to.deep.equal([]);
        expect(countOnly.total).to.equal(catalogue.length);
        expect(
            (
                await ok([
                    ["from", "9990"],
                    ["size", "10"],
                ])
            ).items,
        ).to.deep.equal([]);
    });

    it("treats hostile text as text: quotes, backslashes, operators, brackets, wildcards, unicode", async () => {
        const hostile = [
            '"unbalanced',
            "back\\slash\\",
            "\\",
            "*sweater*",
            "swe?ter",
            "name:(x OR y) AND category:books",
            "[1 TO 5]",
            "{}",
            "((((",
            "a AND OR NOT",
            "/.*/",
            "~fuzzy^2",
            "'; DROP TABLE products; --",
            '{"query":{"match_all":{}}}',
            "<script>alert(1)</script>",
            "\u202e\u0645\u0631\u062d\u0628\u0627 Здравствуйте 你好",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 🧪🧪🧪",
            "a".repeat(200),
        ];
        for (const q of hostile) {
            const body = await ok([["q", q]]);
            expect(body.total, q).to.be.a("number");
        }
        // Operators are not interpreted: a query_string parser would have matched everything here.
        expect((await ok([["q", "*:*"]])).total).to.equal(0);
    });

    it("refuses invalid parameters with 400 and a JSON error", async () => {
        for (const size of ["abc", "-1", "101", "1e2", "10.5", " 10", "+5", "0x10", "99999999999999999999", ""]) {
            expect(await rejected([["size", size]])).to.match(/^size must be an integer from 0 to 100$/);
        }
        for (const from of ["-1", "10001", "1.5", "NaN", "Infinity"]) {
            expect(await rejected([["from", from]])).to.match(/^from must be an integer/);
        }
        expect(
            await rejected([
                ["from", "9995"],
                ["size", "10"],
            ]),
        ).to.equal("from + size must be at most 10000");
        expect(await rejected([["category", "toys"]])).to.equal("category must be one of electronics, books, clothing, home");
        expect(await rejected([["q", "a".repeat(201)]])).to.equal("q must be at most 200 characters");
        expect(await rejected([["q", "null\u0000byte"]])).to.match(/control characters/);
        expect(await rejected([["q", "lone \ud800 surrogate"]])).to.match(/invalid Unicode/);
        expect(
            await rejected([
                ["q", "a"],
                ["q", "b"],
            ]),
        ).to.equal("query parameter q must be given once");
        expect(await rejected([["sise", "10"]])).to.match(/^unknown query parameter "sise"/);
    });

    it("answers an empty result before the first generator run created the index", async () => {
        const response = await handleSearch(
            { ...deps, productIndex: uniqueIndex("not-created") },
            apiGatewayGetEvent("/search", [["q", "x"]]),
        );
        expect(response.statusCode).to.equal(200);
        expect(bodyOf(response)).to.include({ total: 0 });
    });

    const expectUnavailable = (response: APIGatewayProxyResult) => {
        expect(response.statusCode).to.equal(503);
        expect(bodyOf(response)).to.deep.equal({
            error: "search_unavailable",
            message: "The search service is unavailable; try again shortly.",
        });
    };

    it("answers 503 with a clear JSON error, and no stack, while OpenSearch is down; recovers when it is back", async () => {
        await whileStopped("opensearch", async () => expectUnavailable(await search([["q", "sweater"]])));
        expect((await ok([["q", "sweater"]])).total).to.be.greaterThan(0);
    });

    it("answers 503 within its deadline while OpenSearch hangs", async () => {
        const started = Date.now();
        await whilePaused("opensearch", async () => expectUnavailable(await search([["q", "sweater"]])));
        expect(Date.now() - started).to.be.lessThan(deps.timeouts.searchMs + 5000);
    });
});
