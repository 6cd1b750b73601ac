// CsvToPostgres when PostgreSQL itself refuses a file: each SQLSTATE class a file's content can
// cause becomes a whole-file rejection with the database's reason (the table stays as it was);
// infrastructure classes throw so that Lambda retries. Every error here is raised by the real
// database, not built by hand.
import { expect } from "chai";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { Client } from "pg";
import { FileOutcome, handleS3Event } from "../../../functions/csv-to-postgres/handler";
import { postgresConfig, requireService, resetMoto } from "../../support/services";
import { bucket, Harness, parseRejects, s3Event, testConfig } from "./harness";

function rejected(outcome: FileOutcome) {
    if (outcome.status !== "rejected") {
        throw new Error(`expected the file to be rejected: ${JSON.stringify(outcome)}`);
    }
    return outcome;
}

const names = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`);

describe("CsvToPostgres function: errors the database raises (tier 3)", () => {
    const h = new Harness();
    const tables = ["too_wide", "many_columns", "shown", "ratios", "prices", "guarded", "cancelled"];

    before(async () => {
        await requireService("postgres", "moto");
        await resetMoto();
        await h.start();
        await h.client.query("DROP VIEW IF EXISTS shown");
        await h.dropTables(...tables);
    });
    after(async () => {
        await h.client.query("DROP VIEW IF EXISTS shown");
        await h.dropTables(...tables);
        await h.stop();
    });

    /** Rejects `body` as `table`, with the reason in the reject file too, and no table change. */
    async function expectRejected(table: string, body: string, reason: RegExp): Promise<void> {
        const outcome = rejected(await h.drop(`data/${table}.csv`, body));
        expect(outcome.reason).to.match(reason);
        expect(parseRejects(await h.text(outcome.rejectFile))[0].reason).to.equal(`${outcome.reason} (source: data/${table}.csv)`);
    }

    it("rejects a header of more than 1,600 columns before it asks for a database connection", async () => {
        const header = ["id", ...names("c", 1600)].join(",");
        const body = `${header}\n${Array(1601).fill("1").join(",")}\n`;
        await h.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "data/too_wide.csv", Body: body }));
        let asked = false;
        const connection = async () => {
            asked = true;
            return h.client;
        };
        const [outcome] = await handleS3Event(s3Event("data/too_wide.csv", body.length), h.deps(connection), testConfig);
        expect(rejected(outcome).reason).to.equal("the header has 1601 columns; a PostgreSQL table has at most 1600");
        expect(asked, "the database was not needed").to.equal(false);
    });

    it("rejects rows too wide for a page (1,600 bigint columns: class 54) and leaves no table", async () => {
        const header = ["id", ...names("c", 1599)].join(",");
        await expectRejected(
            "too_wide",
            `${header}\n${Array(1600).fill("1").join(",")}\n`,
            /^the file exceeds a PostgreSQL limit: row is too big: .*\(SQLSTATE 54000\)$/,
        );
        expect(await h.rows("SELECT 1 FROM pg_tables WHERE tablename = 'too_wide'")).to.deep.equal([]);
    });

    it("rejects new columns that would take an existing table past 1,600 (class 54) and adds none", async () => {
        await h.client.query(
            `CREATE TABLE many_columns (id bigint PRIMARY KEY, ${names("old", 999)
                .map(n => `${n} text`)
                .join(", ")})`,
        );
        const header = ["id", ...names("new", 700)].join(",");
        await expectRejected(
            "many_columns",
            `${header}\n${Array(701).fill("1").join(",")}\n`,
            /^the file exceeds a PostgreSQL limit: tables can have at most 1600 columns \(SQLSTATE 54011\)$/,
        );
        expect(await h.rows("SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'many_columns'")).to.deep.equal([
            { n: 1000 },
        ]);
    });

    it("rejects a file named after a view (class 42)", async () => {
        await h.client.query("CREATE VIEW shown AS SELECT 1::bigint AS n");
        await expectRejected(
            "shown",
            "n\n2\n",
            /^the database refused a name or the object the file names: cannot copy to view "shown" .*\(SQLSTATE 42809\)$/,
        );
    });

    it("rejects a value the database refuses after the checks (a generated column dividing by zero: class 22), loading no row", async () => {
        await h.client.query("CREATE TABLE ratios (id bigint PRIMARY KEY, a int, b int, r int GENERATED ALWAYS AS (a / b) STORED)");
        await expectRejected("ratios", "id,a,b\n1,4,2\n2,1,0\n", /^the database refused a value: division by zero \(SQLSTATE 22012\)$/);
        expect(await h.rows("SELECT count(*)::int AS n FROM ratios")).to.deep.equal([{ n: 0 }]);
    });

    it("rejects a row a CHECK constraint refuses (class 23), loading no row", async () => {
        await h.client.query("CREATE TABLE prices (id bigint PRIMARY KEY, amount numeric CHECK (amount >= 0))");
        await expectRejected(
            "prices",
            "id,amount\n1,5\n2,-1\n",
            /^the database refused the data \(a constraint\): new row for relation "prices" violates check constraint .*\(SQLSTATE 23514\)$/,
        );
        expect(await h.rows("SELECT count(*)::int AS n FROM prices")).to.deep.equal([{ n: 0 }]);
    });

    it("throws, writing no reject file, when the database user lacks a privilege (42501: the grants, not the file)", async () => {
        await h.client.query("CREATE TABLE guarded (id bigint PRIMARY KEY, v text)");
        await h.client.query("REVOKE INSERT, UPDATE ON guarded FROM CURRENT_USER");
        const body = "id,v\n1,a\n";
        await h.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "data/guarded.csv", Body: body }));
        const error = await handleS3Event(s3Event("data/guarded.csv", body.length), h.deps(), testConfig).then(
            () => undefined,
            (e: Error & { code?: string }) => e,
        );
        expect(error).to.be.instanceOf(Error).with.property("code", "42501");
        expect(await h.keys("rejected/guarded/")).to.deep.equal([]);
    });

    it("throws when an operator cancels the load (57014) and leaves the table as it was", async () => {
        await h.client.query("CREATE TABLE cancelled (id bigint PRIMARY KEY, v text)");
        const loader = new Client(postgresConfig());
        await loader.connect();
        try {
            const pid = (await loader.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
            const body = `id,v\n${Array.from({ length: 300_000 }, (_, i) => `${i + 1},row ${i}\n`).join("")}`;
            await h.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "data/cancelled.csv", Body: body }));
            const load = handleS3Event(
                s3Event("data/cancelled.csv", body.length),
                h.deps(async () => loader),
                testConfig,
            ).then(
                () => undefined,
                (e: Error & { code?: string }) => e,
            );
            await waitFor(async () =>
                (await h.rows<{ query: string }>(`SELECT query FROM pg_stat_activity WHERE pid = ${pid}`))[0]?.query.startsWith("COPY"),
            );
            await h.client.query("SELECT pg_cancel_backend($1)", [pid]);
            const error = await load;
            expect(error).to.be.instanceOf(Error).with.property("code", "57014");
            expect(await h.rows("SELECT count(*)::int AS n FROM cancelled")).to.deep.equal([{ n: 0 }]);
            expect(await h.keys("rejected/cancelled/")).to.deep.equal([]);
        } finally {
            await loader.end();
        }
    });
});

async function waitFor(condition: () => Promise<boolean | undefined>): Promise<void> {
    for (let attempt = 0; attempt < 4000; attempt++) {
        if (await condition()) {
            return;
        }
        await new Promise(resolve => setTimeout(resolve, 5));
    }
    throw new Error("the condition never held");
}
