// Schema evolution as the load runs it (functions/batch-warehouse/schema-changes.ts), on the local
// PostgreSQL: the first load creates the table, a column the source's file adds later is added as
// nullable and recorded, rows loaded before read NULL in it, and a load with nothing new changes nothing.
import { expect } from "chai";
import { Client } from "pg";
import { evolveBeforeLoad } from "../../../functions/batch-warehouse/schema-changes";
import type { SourceConfig } from "../../../functions/batch-warehouse/source-config";
import { postgresConfig, requireService } from "../../support/services";
import { retailSource } from "./fixtures";

const schema = "evolve_before_load";

function source(withCountry: boolean): SourceConfig {
    const retail = retailSource();
    return {
        ...retail,
        columns: retail.columns.filter(column => withCountry || column.name !== "country"),
        dedupeKey: retail.dedupeKey!.filter(name => withCountry || name !== "country"),
        warehouse: { ...retail.warehouse, schema },
    };
}

describe("BatchWarehouse: schema evolution before each load (PostgreSQL)", () => {
    let db: Client;
    const runner = { query: (sql: string) => db.query(sql) };
    before(async () => {
        await requireService("postgres");
        db = new Client(postgresConfig());
        await db.connect();
        await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });
    after(async () => {
        await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        await db?.end();
    });

    it("creates the table on the first load, then adds a newly mapped column as nullable and records it, once", async () => {
        expect(await evolveBeforeLoad(runner, source(false), "jr_first", "postgres")).to.deep.equal([]);
        await db.query(
            `INSERT INTO ${schema}.invoice_lines (record_key, invoice_no, stock_code, quantity, invoice_date, unit_price, line_type, first_load_id, last_load_id)
             VALUES ('k1', '536365', '85123A', 6, '2010-12-01 08:26', 2.55, 'sale', 'jr_first', 'jr_first')`,
        );

        expect(await evolveBeforeLoad(runner, source(true), "jr_second", "postgres")).to.deep.equal(["country"]);
        const column = await db.query(
            `SELECT is_nullable, data_type FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'invoice_lines' AND column_name = 'country'`,
            [schema],
        );
        expect(column.rows).to.deep.equal([{ is_nullable: "YES", data_type: "character varying" }]);
        expect((await db.query(`SELECT country FROM ${schema}.invoice_lines`)).rows).to.deep.equal([{ country: null }]);
        const changes = await db.query(`SELECT source, table_name, column_name, field, load_id FROM ${schema}.source_schema_changes`);
        expect(changes.rows).to.deep.equal([
            { source: "online_retail", table_name: "invoice_lines", column_name: "country", field: "Country", load_id: "jr_second" },
        ]);

        expect(await evolveBeforeLoad(runner, source(true), "jr_third", "postgres")).to.deep.equal([]);
        expect((await db.query(`SELECT count(*)::int AS n FROM ${schema}.source_schema_changes`)).rows).to.deep.equal([{ n: 1 }]);
    });
});
