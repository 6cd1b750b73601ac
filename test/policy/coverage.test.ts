// The anchor table and the pack agree: every row is implemented or waived (never both), every id a
// rule names is a row of the table, every rule has tests here, and docs/policies.md is current.
import { expect } from "chai";
import * as fs from "fs";
import { anchorRows } from "../../policy/anchors";
import { policies, rules } from "../../policy/policies";
import { pagePath, renderPoliciesPage, testsOf } from "../../scripts/docs/policies-md";

describe("anchor coverage", () => {
    const named = new Set(rules.flatMap(rule => rule.rule.anchors));

    it("implements or waives every row of the anchor table, never both, and waives only with a reason", () => {
        const neither = anchorRows.filter(row => !row.ids.some(id => named.has(id)) && row.waived === undefined).map(row => row.ids[0]);
        const both = anchorRows.filter(row => row.ids.some(id => named.has(id)) && row.waived !== undefined).map(row => row.ids[0]);
        expect({ neither, both }).to.deep.equal({ neither: [], both: [] });
        for (const row of anchorRows.filter(r => r.waived !== undefined)) {
            expect(row.waived!.length, row.ids[0]).to.be.greaterThan(20);
        }
    });

    it("names only anchors of the table, each id on one row", () => {
        const ids = anchorRows.flatMap(row => row.ids);
        expect(ids.filter((id, index) => ids.indexOf(id) !== index)).to.deep.equal([]);
        expect([...named].filter(id => !ids.includes(id))).to.deep.equal([]);
    });

    it("tests every rule in test/policy", () => {
        const tests = testsOf();
        expect(rules.filter(rule => (tests.get(rule.name) ?? []).length === 0).map(rule => rule.name)).to.deep.equal([]);
    });

    it("keeps docs/policies.md as npm run docs:policies renders it, listing every policy with its level", () => {
        const page = fs.readFileSync(pagePath, "utf8");
        expect(page === renderPoliciesPage(), "docs/policies.md is stale: run npm run docs:policies").to.equal(true);
        const rows = [...page.matchAll(/^\| `([^`]+)` \| (mandatory|advisory) \|/gm)].map(match => `${match[1]} ${match[2]}`);
        expect(rows).to.deep.equal(policies.map(p => `${p.name} ${p.enforcementLevel}`));
    });
});
