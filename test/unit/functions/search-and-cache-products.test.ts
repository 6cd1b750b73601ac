import { expect } from "chai";
import { generateProducts, nameBasedUuid } from "../../../functions/search-and-cache/products";

describe("generated products", () => {
    it("names products with RFC 4122 version 5 UUIDs", () => {
        // RFC 4122 / RFC 9562 test vector: "www.example.com" in the DNS namespace.
        expect(nameBasedUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "www.example.com")).to.equal("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    });

    it("are the same for the same seed and time, and differ for another seed", () => {
        const now = new Date("2026-11-24T15:30:00Z");
        expect(generateProducts(5, "event-1", now)).to.deep.equal(generateProducts(5, "event-1", now));
        const other = generateProducts(5, "event-2", now).map(product => product.id);
        expect(generateProducts(5, "event-1", now).map(product => product.id)).not.to.have.members(other);
    });

    it("spread over the four categories", () => {
        const seen = new Set(generateProducts(200, "spread", new Date()).map(product => product.category));
        expect([...seen].sort()).to.deep.equal(["books", "clothing", "electronics", "home"]);
    });
});
