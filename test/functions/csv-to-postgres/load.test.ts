// CsvToPostgres against real PostgreSQL (TLS) and moto S3: the happy paths.
import { expect } from "chai";
import { requireService, resetMoto } from "../../support/services";
import { Harness, parseRejects } from "./harness";

describe("CsvToPostgres function: loading (tier 3)", () => {
    const h = new Harness();

    before(async () => {
        await requireService("postgres", "moto");
        await resetMoto();
        await h.start();
        await h.dropTables("customers", "contacts", "events", "orders", "typed", "sample_types", "widen");
    });
    after(() => h.stop());

    it("creates the table from the header with inferred types and a unique key, and loads every row", async () => {
        const outcome = await h.drop(
            "data/customers.csv",
            "id,email,name,balance,vip,joined,last_seen,zip\n" +
                "1,ann@example.com,Ann,10.50,true,2024-01-02,2024-01-02T10:00:00Z,02134\n" +
                "2,bob@example.com,Bob,7,false,2024-02-29,2024-03-01 08:30:00+01:00,10001\n",
        );
        expect(outcome.status).to.equal("loaded");
        const types = await h.rows<{ column_name: string; data_type: string }>(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'customers' ORDER BY ordinal_position",
        );
        expect(types.map(t => `${t.column_name}:${t.data_type}`)).to.deep.equal([
            "id:bigint",
            "email:text",
            "name:text",
            "balance:numeric",
            "vip:boolean",
            "joined:date",
            "last_seen:timestamp with time zone",
            "zip:text", // leading zero: an identifier, not a number
        ]);
        const unique = await h.rows("SELECT 1 FROM pg_indexes WHERE tablename = 'customers' AND indexdef LIKE '%UNIQUE%(id)%'");
        expect(unique).to.have.length(1);
        const rows = await h.rows("SELECT id::text, name, balance::text, vip, last_seen::text, zip FROM customers ORDER BY id");
        expect(rows).to.deep.equal([
            { id: "1", name: "Ann", balance: "10.50", vip: true, last_seen: "2024-01-02 10:00:00+00", zip: "02134" },
            { id: "2", name: "Bob", balance: "7", vip: false, last_seen: "2024-03-01 07:30:00+00", zip: "10001" },
        ]);
        expect(h.logs.at(-1)).to.deep.include({ level: "info", message: "file loaded" });
        expect(h.logs.at(-1)!.attributes).to.include({ table: "customers", rowsRead: 2, rowsUpserted: 2, rowsRejected: 0 });
    });

    it("updates rows on the key instead of duplicating them, and adds new header columns", async () => {
        const outcome = await h.drop("data/customers.csv", "ID,Email,Name,Tier\n2,bob@example.com,Robert,gold\n3,cy@example.com,Cy,\n");
        expect(outcome).to.deep.include({ status: "loaded" });
        if (outcome.status !== "loaded") throw new Error();
        expect(outcome.summary).to.include({ mode: "upsert", key: "id", createdTable: false, rowsUpserted: 2 });
        expect(outcome.summary.addedColumns).to.deep.equal(["tier"]);
        const rows = await h.rows("SELECT id::text, name, balance::text, tier FROM customers ORDER BY id");
        expect(rows).to.deep.equal([
            { id: "1", name: "Ann", balance: "10.50", tier: null },
            { id: "2", name: "Robert", balance: "7", tier: "gold" },
            { id: "3", name: "Cy", balance: null, tier: null },
        ]);
    });

    it("is idempotent: the same file again leaves the table identical and changes no row", async () => {
        const before = await h.rows("SELECT * FROM customers ORDER BY id");
        const outcome = await h.drop("data/customers.csv", "ID,Email,Name,Tier\n2,bob@example.com,Robert,gold\n3,cy@example.com,Cy,\n");
        if (outcome.status !== "loaded") throw new Error(JSON.stringify(outcome));
        expect(outcome.summary.rowsUpserted).to.equal(0);
        expect(await h.rows("SELECT * FROM customers ORDER BY id")).to.deep.equal(before);
    });

    it("upserts on email when there is no id column, case-insensitively in the header", async () => {
        await h.drop("data/contacts.csv", "EMAIL,name\nann@example.com,Ann\nbob@example.com,Bob\n");
        const outcome = await h.drop("data/contacts.csv", "Email,name\nann@example.com,Annie\n");
        if (outcome.status !== "loaded") throw new Error(JSON.stringify(outcome));
        expect(outcome.summary).to.include({ key: "email", mode: "upsert" });
        expect(await h.rows("SELECT email, name FROM contacts ORDER BY email")).to.deep.equal([
            { email: "ann@example.com", name: "Annie" },
            { email: "bob@example.com", name: "Bob" },
        ]);
    });

    it("lets the last occurrence of a duplicate key win, without an error", async () => {
        const outcome = await h.drop("data/orders.csv", "id,status\n7,new\n8,new\n7,paid\n7,shipped\n");
        if (outcome.status !== "loaded") throw new Error(JSON.stringify(outcome));
        expect(outcome.summary).to.include({ rowsRead: 4, rowsStaged: 4, rowsRejected: 0 });
        expect(await h.rows("SELECT id::int, status FROM orders ORDER BY id")).to.deep.equal([
            { id: 7, status: "shipped" },
            { id: 8, status: "new" },
        ]);
        await h.drop("data/orders.csv", "id,status\n8,paid\n8,cancelled\n");
        expect(await h.rows("SELECT id::int, status FROM orders ORDER BY id")).to.deep.equal([
            { id: 7, status: "shipped" },
            { id: 8, status: "cancelled" },
        ]);
        // The last occurrence equals the table's row: nothing changes, though an earlier one differs.
        const same = await h.drop("data/orders.csv", "id,status\n8,lost\n8,cancelled\n7,shipped\n");
        if (same.status !== "loaded") throw new Error(JSON.stringify(same));
        expect(same.summary.rowsUpserted).to.equal(0);
        expect(await h.rows("SELECT id::int, status FROM orders ORDER BY id")).to.deep.equal([
            { id: 7, status: "shipped" },
            { id: 8, status: "cancelled" },
        ]);
    });

    it("appends rows in file order when there is no key column (as the docs say)", async () => {
        await h.drop("data/events.csv", "kind,at\nclick,2024-01-01\nview,2024-01-02\n");
        const outcome = await h.drop("data/events.csv", "kind,at\nclick,2024-01-01\n");
        if (outcome.status !== "loaded") throw new Error(JSON.stringify(outcome));
        expect(outcome.summary).to.include({ mode: "append", rowsUpserted: 1 });
        expect(outcome.summary.key).to.equal(undefined);
        expect(await h.rows("SELECT kind, at::text FROM events")).to.have.length(3);
    });

    it("rejects a value that does not fit its column, that row only, with its line and reason", async () => {
        await h.drop("data/typed.csv", "id,amount,day,flag\n1,1.5,2024-01-01,true\n");
        const outcome = await h.drop(
            "data/typed.csv",
            "id,amount,day,flag\n2,abc,2024-01-02,false\n3,2.25,2024-02-30,true\n4,3,2024-03-01,maybe\nx,1,2024-01-01,true\n5,4,2024-03-02,false\n",
        );
        if (outcome.status !== "loaded") throw new Error(JSON.stringify(outcome));
        expect(outcome.summary).to.include({ rowsRead: 5, rowsStaged: 1, rowsRejected: 4 });
        expect(await h.rows("SELECT id::int FROM typed ORDER BY id")).to.deep.equal([{ id: 1 }, { id: 5 }]);
        const rejects = parseRejects(await h.text(outcome.rejectFile!));
        expect(rejects).to.deep.equal([
            { line: "2", reason: 'amount: "abc" is not a valid numeric', record: "2,abc,2024-01-02,false" },
            { line: "3", reason: 'day: "2024-02-30" is not a valid date', record: "3,2.25,2024-02-30,true" },
            { line: "4", reason: 'flag: "maybe" is not a valid boolean', record: "4,3,2024-03-01,maybe" },
            { line: "5", reason: 'id: "x" is not a valid bigint', record: "x,1,2024-01-01,true" },
        ]);
        expect(outcome.rejectFile).to.match(/^rejected\/typed\/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z\.csv$/);
    });

    it("checks values against existing column types it did not create (int4, varchar(n), numeric(p,s), uuid, jsonb)", async () => {
        await h.client.query(
            "CREATE TABLE sample_types (id int PRIMARY KEY, code varchar(3), price numeric(5,2), ref uuid, doc jsonb, seen timestamp)",
        );
        const outcome = await h.drop(
            "data/sample_types.csv",
            "id,code,price,ref,doc,seen\n" +
                '1,abc,999.99,123e4567-e89b-12d3-a456-426614174000,"{""a"":1}",2024-01-01 10:00\n' +
                "2,abcd,1,,,\n" +
                "3,ab,1000,,,\n" +
                "4,ab,1,not-a-uuid,,\n" +
                '5,ab,1,,"{bad",\n' +
                "3000000000,ab,1,,,\n" +
                "6,äöü,0.5,,,\n",
        );
        if (outcome.status !== "loaded") throw new Error(JSON.stringify(outcome));
        expect(await h.rows("SELECT id, code FROM sample_types ORDER BY id")).to.deep.equal([
            { id: 1, code: "abc" },
            { id: 6, code: "äöü" },
        ]);
        expect(parseRejects(await h.text(outcome.rejectFile!)).map(r => r.line)).to.deep.equal(["3", "4", "5", "6", "7"]);
    });

    it("widens nothing silently: a later value that does not fit the inferred type is rejected", async () => {
        const outcome = await h.drop("data/widen.csv", "id,n\n1,10\n2,20\n3,2.5\n", {
            ...(await import("./harness")).testConfig,
            load: { schema: "public", keyColumns: ["id"], sampleRows: 2, workMem: "4MB" },
        });
        if (outcome.status !== "loaded") throw new Error(JSON.stringify(outcome));
        expect(outcome.summary).to.include({ rowsStaged: 2, rowsRejected: 1 });
        expect(parseRejects(await h.text(outcome.rejectFile!))[0].reason).to.equal('n: "2.5" is not a valid bigint');
    });
});
