// Schema evolution executed on the local PostgreSQL: new fields add nullable columns and are
// recorded; type conflicts reject only the rows they affect.
import { expect } from "chai";

import { changeLogTable } from "../../../functions/sources/evolution-sql";
import { evolveAndSplit, EvolutionTarget, inferType, Row } from "../../../functions/sources/schema-evolution";
import { postgresSchemaPerTest } from "../../support/postgres-schema";

describe("functions/sources: schema evolution on PostgreSQL", () => {
    const pg = postgresSchemaPerTest("evolution");
    beforeEach(() => pg.client.query(`CREATE TABLE ${pg.schema}.customer_data (customerid BIGINT, customername VARCHAR(256))`));

    const target = (): EvolutionTarget => ({
        source: "customer_data_api",
        schema: pg.schema,
        table: "customer_data",
        mapping: {
            customerid: { from: "id", type: "integer", required: true },
            customername: { from: "name", type: "string", required: false },
        },
        loadId: "jr_0001",
    });

    async function columns(): Promise<Record<string, string>> {
        const result = await pg.client.query(
            "SELECT column_name, data_type, is_nullable FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'customer_data' ORDER BY ordinal_position",
            [pg.schema],
        );
        return Object.fromEntries(result.rows.map(r => [r.column_name, `${r.data_type}${r.is_nullable === "YES" ? "" : " not null"}`]));
    }

    async function load(rows: Row[]): Promise<void> {
        for (const row of rows) {
            const names = Object.keys(row);
            await pg.client.query(
                `INSERT INTO ${pg.schema}.customer_data (${names.map(n => `"${n}"`).join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")})`,
                Object.values(row),
            );
        }
    }

    it("a field the records carry becomes a nullable column of its inferred type, recorded in the change log", async () => {
        const records = [
            { id: 1, name: "Ada", loyaltyPoints: 120 },
            { id: 2, name: "Grace", signedUpAt: "2026-11-30T08:00:00Z" },
        ];
        const result = await evolveAndSplit(pg.client, target(), records, new Date("2026-12-01T10:00:00Z"));
        expect(result.added.map(c => [c.column, c.type, c.field])).to.deep.equal([
            ["loyaltypoints", "integer", "loyaltyPoints"],
            ["signedupat", "timestamp", "signedUpAt"],
        ]);
        expect(await columns()).to.deep.equal({
            customerid: "bigint",
            customername: "character varying",
            loyaltypoints: "bigint",
            signedupat: "timestamp without time zone",
        });
        const log = await pg.client.query(
            `SELECT source, column_name, column_type, field, load_id FROM ${pg.schema}.${changeLogTable} ORDER BY column_name`,
        );
        expect(log.rows).to.deep.equal([
            {
                source: "customer_data_api",
                column_name: "loyaltypoints",
                column_type: "BIGINT",
                field: "loyaltyPoints",
                load_id: "jr_0001",
            },
            { source: "customer_data_api", column_name: "signedupat", column_type: "TIMESTAMP", field: "signedUpAt", load_id: "jr_0001" },
        ]);
        await load(result.accepted);
        const stored = await pg.client.query(
            `SELECT customerid, loyaltypoints, signedupat IS NULL AS no_signup FROM ${pg.schema}.customer_data ORDER BY customerid`,
        );
        expect(stored.rows).to.deep.equal([
            { customerid: "1", loyaltypoints: "120", no_signup: true },
            { customerid: "2", loyaltypoints: null, no_signup: false },
        ]);
    });

    it("a column added to the source's mapping is added too; a second load with the same fields changes nothing", async () => {
        const withEmail = target();
        withEmail.mapping.customeremail = { from: "email", type: "string", required: false };
        const first = await evolveAndSplit(pg.client, withEmail, [{ id: 1, email: "a@example.com" }]);
        expect(first.added.map(c => c.column)).to.deep.equal(["customeremail"]);
        const again = await evolveAndSplit(pg.client, withEmail, [{ id: 2, email: "b@example.com" }]);
        expect(again.added).to.deep.equal([]);
        expect(Object.keys(await columns())).to.deep.equal(["customerid", "customername", "customeremail"]);
    });

    it("a type conflict rejects only the affected rows, with the reason; the rest load", async () => {
        const records = [
            { id: 1, name: "Ada" },
            { id: "not-a-number", name: "Mallory" },
            { id: 3, name: "Linus" },
        ];
        const result = await evolveAndSplit(pg.client, target(), records);
        expect(result.rejected).to.deep.equal([{ record: records[1], reason: 'type conflict: customerid is integer, got "not-a-number"' }]);
        await load(result.accepted);
        const count = await pg.client.query(`SELECT count(*)::int AS n FROM ${pg.schema}.customer_data`);
        expect(count.rows[0].n).to.equal(2);
    });

    it("a new field's later values that conflict with the inferred type are rejected rows, not a failed load", async () => {
        await evolveAndSplit(pg.client, target(), [{ id: 1, score: 5 }]);
        const result = await evolveAndSplit(pg.client, target(), [
            { id: 2, score: 7 },
            { id: 3, score: "high" },
        ]);
        expect(result.accepted.map(r => r.customerid)).to.deep.equal([2]);
        expect(result.rejected[0].reason).to.equal('type conflict: score is integer, got "high"');
    });

    it("field names that are not identifiers are reported and never reach SQL", async () => {
        const result = await evolveAndSplit(pg.client, target(), [{ id: 1, 'x"; DROP TABLE t; --': 1 }]);
        expect(result.skippedFields).to.deep.equal([
            { field: 'x"; DROP TABLE t; --', reason: "not usable as a column name (letters, digits and _ only)" },
        ]);
        expect(result.added).to.deep.equal([]);
    });

    it("infers the narrowest type every value fits", () => {
        expect(inferType([1, "2", null])).to.equal("integer");
        expect(inferType([1, 2.5])).to.equal("decimal");
        expect(inferType(["true", false])).to.equal("boolean");
        expect(inferType(["2026-01-01", "2026-01-02T00:00:00Z"])).to.equal("timestamp");
        expect(inferType(["a", 1])).to.equal("string");
        expect(inferType([null])).to.equal("string");
    });
});
