// The load's semantics executed on the local PostgreSQL: the same statements the Redshift batch
// runs, with Redshift's physical clauses (DISTSTYLE/DISTKEY/SORTKEY) left out and COPY replaced by
// an INSERT of the rows the Parquet files hold. Differences that remain, each pinned by a test:
//   - PRIMARY KEY is enforced by PostgreSQL, informational in Redshift: the tests drop it, so the
//     uniqueness they see comes from the dedupe step, as it must in Redshift;
//   - COPY from S3 and IAM_ROLE exist only in Redshift (the COPY text is checked by sqlfluff);
//   - VARCHAR(n) counts characters in PostgreSQL and bytes in Redshift (the DDL reserves 4 bytes
//     per character);
//   - both refuse a MERGE whose source has two rows for one target row, hence the dedupe.
import { expect } from "chai";
import { judgeQuality } from "../../../functions/batch-warehouse/quality";
import { SourceConfig } from "../../../functions/batch-warehouse/source-config";
import { quoteIdentifier } from "../../../functions/batch-warehouse/sql-text";
import {
    dedupeStatement,
    mergeStatement,
    qualityStatement,
    stagingDdl,
    targetDdl,
    warehouseNames,
} from "../../../functions/batch-warehouse/warehouse-sql";
import { postgresSchemaPerTest } from "../../support/postgres-schema";
import { retailSource } from "./fixtures";

interface Line {
    key: string;
    invoice: string;
    customer: number | null;
    quantity?: number;
}

const columns = [
    "record_key",
    "invoice_no",
    "stock_code",
    "description",
    "quantity",
    "invoice_date",
    "unit_price",
    "customer_id",
    "country",
    "line_type",
    "load_id",
];

describe("BatchWarehouse load semantics on PostgreSQL", function () {
    this.timeout(30_000);
    const pg = postgresSchemaPerTest("bw_merge");
    let source: SourceConfig;

    beforeEach(async () => {
        source = retailSource();
        source.warehouse.schema = pg.schema;
        for (const sql of targetDdl(source, "postgres")) {
            await pg.client.query(sql);
        }
        // Redshift does not enforce primary keys: without it here, only the dedupe keeps keys unique.
        await pg.client.query(
            `ALTER TABLE ${warehouseNames(source).target} DROP CONSTRAINT ${quoteIdentifier(`${source.warehouse.table}_pkey`)}`,
        );
    });

    /** One load as the Data API batch runs it: one transaction, staging rebuilt, dedupe, MERGE. */
    async function load(loadId: string, lines: Line[], options: { dedupe: boolean } = { dedupe: true }): Promise<void> {
        await pg.client.query("BEGIN");
        try {
            for (const sql of stagingDdl(source, "postgres")) {
                await pg.client.query(sql);
            }
            for (const line of lines) {
                const values = [
                    line.key,
                    line.invoice,
                    "85123A",
                    null,
                    line.quantity ?? 1,
                    "2010-12-01 08:26:00",
                    "2.550",
                    line.customer,
                    "United Kingdom",
                    "sale",
                    loadId,
                ];
                await pg.client.query(
                    `INSERT INTO ${warehouseNames(source).staging} (${columns.map(quoteIdentifier).join(", ")}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(", ")})`,
                    values,
                );
            }
            if (options.dedupe) {
                await pg.client.query(dedupeStatement(source));
            } else {
                await pg.client.query(
                    `CREATE TEMP TABLE ${warehouseNames(source).latest} AS SELECT * FROM ${warehouseNames(source).staging}`,
                );
            }
            await pg.client.query(mergeStatement(source));
            await pg.client.query("COMMIT");
        } catch (error) {
            await pg.client.query("ROLLBACK");
            throw error;
        } finally {
            await pg.client.query(`DROP TABLE IF EXISTS pg_temp.${warehouseNames(source).latest}`);
        }
    }

    async function target(): Promise<{ record_key: string; first_load_id: string; last_load_id: string; customer_id: string | null }[]> {
        const { rows } = await pg.client.query(
            `SELECT "record_key", "first_load_id", "last_load_id", "customer_id" FROM ${warehouseNames(source).target} ORDER BY "record_key"`,
        );
        return rows;
    }

    it("inserts every distinct record once, even when staging holds the same record twice", async () => {
        await load("jr_1", [
            { key: "a", invoice: "1", customer: 1 },
            { key: "a", invoice: "1", customer: 1 },
            { key: "b", invoice: "2", customer: null },
        ]);
        expect(await target()).to.deep.equal([
            { record_key: "a", first_load_id: "jr_1", last_load_id: "jr_1", customer_id: "1" },
            { record_key: "b", first_load_id: "jr_1", last_load_id: "jr_1", customer_id: null },
        ]);
    });

    it("changes nothing when the same load runs again (idempotent)", async () => {
        const lines = [
            { key: "a", invoice: "1", customer: 1 },
            { key: "b", invoice: "2", customer: 2 },
        ];
        await load("jr_1", lines);
        const first = await target();
        await load("jr_1", lines);
        expect(await target()).to.deep.equal(first);
    });

    it("keeps the rows of earlier loads and notes which load saw a record last (history kept)", async () => {
        await load("jr_1", [
            { key: "a", invoice: "1", customer: 1 },
            { key: "b", invoice: "2", customer: 2 },
        ]);
        await load("jr_2", [
            { key: "b", invoice: "2", customer: 2 },
            { key: "c", invoice: "3", customer: 3 },
        ]);
        expect(await target()).to.deep.equal([
            { record_key: "a", first_load_id: "jr_1", last_load_id: "jr_1", customer_id: "1" },
            { record_key: "b", first_load_id: "jr_1", last_load_id: "jr_2", customer_id: "2" },
            { record_key: "c", first_load_id: "jr_2", last_load_id: "jr_2", customer_id: "3" },
        ]);
    });

    it("refuses to MERGE a source with two rows for one key, as Redshift does: the dedupe is what makes loads succeed", async () => {
        await load("jr_1", [{ key: "a", invoice: "1", customer: 1 }]);
        const twice = [
            { key: "a", invoice: "1", customer: 1 },
            { key: "a", invoice: "1", customer: 1 },
        ];
        const failure = await load("jr_2", twice, { dedupe: false }).catch((error: Error) => error);
        expect(failure)
            .to.be.instanceOf(Error)
            .with.property("message")
            .that.matches(/MERGE command cannot affect row a second time/);
        expect((await target())[0].last_load_id).to.equal("jr_1"); // the failed load changed nothing
    });

    it("reports counts in and out and null rates of this load's rows to the quality verdict", async () => {
        await load("jr_1", [{ key: "z", invoice: "9", customer: 9 }]);
        await load("jr_2", [
            { key: "a", invoice: "1", customer: 1 },
            { key: "a", invoice: "1", customer: 1 },
            { key: "b", invoice: "2", customer: null },
            { key: "c", invoice: "3", customer: null },
            { key: "d", invoice: "4", customer: 4 },
        ]);
        const { rows } = await pg.client.query(qualityStatement(source));
        const row = Object.fromEntries(Object.entries(rows[0]).map(([name, value]) => [name, Number(value)]));
        const verdict = judgeQuality(row, source.warehouse.quality);
        expect(verdict).to.include({ rowsIn: 5, distinctIn: 4, rowsOut: 4, duplicatesIn: 1 });
        expect(verdict.nullRates.customer_id).to.equal(0.5);
        expect(verdict.passed).to.equal(false);
        expect(verdict.failures).to.deep.equal(["customer_id is null in 50.0% of rows, above the limit of 35.0%"]);
    });

    it("runs the same DDL minus Redshift's physical clauses (what the postgres dialect strips, and nothing else)", () => {
        for (const [redshift, postgres] of [
            [targetDdl(source, "redshift"), targetDdl(source, "postgres")],
            [stagingDdl(source, "redshift"), stagingDdl(source, "postgres")],
        ]) {
            const stripped = redshift.map(sql =>
                sql.replace(/\n(DISTSTYLE (KEY|AUTO)|DISTKEY \([^)]*\)|COMPOUND SORTKEY \([^)]*\)|SORTKEY AUTO)/g, ""),
            );
            expect(stripped).to.deep.equal(postgres);
            expect(postgres.join("\n")).not.to.match(/DIST|SORTKEY/);
        }
    });
});
