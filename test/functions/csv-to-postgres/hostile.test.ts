// CsvToPostgres against hostile input: names, encodings, quoting, malformed rows, whole-file rejects.
import { expect } from "chai";
import { FileOutcome } from "../../../functions/csv-to-postgres/handler";
import { requireService, resetMoto } from "../../support/services";
import { Harness, parseRejects, testConfig } from "./harness";

function loaded(outcome: FileOutcome) {
    if (outcome.status !== "loaded") {
        throw new Error(`expected the file to load: ${JSON.stringify(outcome)}`);
    }
    return outcome;
}

function rejected(outcome: FileOutcome) {
    if (outcome.status !== "rejected") {
        throw new Error(`expected the file to be rejected: ${JSON.stringify(outcome)}`);
    }
    return outcome;
}

describe("CsvToPostgres function: hostile input (tier 3)", () => {
    const h = new Harness();

    before(async () => {
        await requireService("postgres", "moto");
        await resetMoto();
        await h.start();
        await h.dropTables("quoted", "bom_crlf", "ragged", "utf8_ok", "mixed", "nokey", "malformed", "nul_bytes");
    });
    after(() => h.stop());

    describe("file names", () => {
        const names: [string, RegExp][] = [
            ['data/x"; DROP TABLE customers; --.csv', /is not a table name/],
            ["data/robert'); drop table students;--.csv", /is not a table name/],
            ["data/my file.csv", /is not a table name/],
            ["data/2024-sales.csv", /is not a table name/],
            ["data/9lives.csv", /is not a table name/],
            ["data/café.csv", /is not a table name/],
            ["data/表.csv", /is not a table name/],
            ["data/report.v2.csv", /is not a table name/],
            [`data/${"a".repeat(64)}.csv`, /is not a table name/],
            ["data/select.csv", /is a reserved SQL word/],
            ["data/Order.csv", /is a reserved SQL word/],
            ["data/pg_authid.csv", /starts with pg_/],
            ["data/.csv", /is not a table name/],
        ];
        for (const [key, reason] of names) {
            it(`rejects ${JSON.stringify(key)} with a reason file and creates nothing`, async () => {
                const before = await h.rows("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'");
                const outcome = rejected(await h.drop(key, "id,name\n1,a\n"));
                expect(outcome.reason).to.match(reason);
                const [row] = parseRejects(await h.text(outcome.rejectFile));
                expect(row.line).to.equal("");
                expect(row.reason).to.match(reason).and.contain(`source: ${key}`);
                expect(await h.rows("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'")).to.deep.equal(before);
            });
        }

        it("accepts a mixed-case name as its lower-case table, and a name of exactly 63 characters", async () => {
            const long = `t${"x".repeat(62)}`;
            await h.dropTables(long);
            expect(loaded(await h.drop("data/sub/folder/Quoted.CSV", "id\n1\n")).summary.table).to.equal("quoted");
            expect(loaded(await h.drop(`data/${long}.csv`, "id\n1\n")).summary.table).to.equal(long);
            await h.dropTables(long);
        });

        it("ignores objects outside the prefix or without .csv, without writing anything", async () => {
            const before = await h.keys("rejected/");
            expect((await h.drop("data/readme.txt", "hello")).status).to.equal("ignored");
            expect((await h.drop("elsewhere/customers.csv", "id\n1\n")).status).to.equal("ignored");
            expect(await h.keys("rejected/")).to.deep.equal(before);
        });
    });

    it("handles a BOM, CRLF line ends, quoted commas, quotes and line breaks, and trailing empty lines", async () => {
        const outcome = loaded(
            await h.drop(
                "data/bom_crlf.csv",
                '\ufeffid,note,amount\r\n1,"a, b",1\r\n2,"say ""hi""",2\r\n3,"line one\r\nline two\nline three",3\r\n\r\n4,plain,4\r\n\r\n\r\n',
            ),
        );
        expect(outcome.summary).to.include({ rowsRead: 4, rowsStaged: 4, rowsRejected: 0 });
        expect(await h.rows("SELECT id::int, note FROM bom_crlf ORDER BY id")).to.deep.equal([
            { id: 1, note: "a, b" },
            { id: 2, note: 'say "hi"' },
            { id: 3, note: "line one\r\nline two\nline three" },
            { id: 4, note: "plain" },
        ]);
        const columns = await h.rows<{ column_name: string }>(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'bom_crlf' ORDER BY ordinal_position",
        );
        expect(columns.map(c => c.column_name)).to.deep.equal(["id", "note", "amount"]); // no BOM in "id"
    });

    it("rejects rows with the wrong number of fields or an empty key, keeps the others, and numbers lines across quoted line breaks", async () => {
        const outcome = loaded(
            await h.drop("data/ragged.csv", 'id,a,b\n1,x,y\n2,"multi\nline",z\n3,only-two\n4,x,y,extra\n,x,y\n\n5,x,y\n'),
        );
        expect(outcome.summary).to.include({ rowsRead: 6, rowsStaged: 3, rowsRejected: 3 });
        expect(parseRejects(await h.text(outcome.rejectFile!))).to.deep.equal([
            { line: "5", reason: "expected 3 fields, found 2", record: "3,only-two" },
            { line: "6", reason: "expected 3 fields, found 4", record: "4,x,y,extra" },
            { line: "7", reason: "key id is empty", record: ",x,y" },
        ]);
        expect(await h.rows("SELECT id::int FROM ragged ORDER BY id")).to.deep.equal([{ id: 1 }, { id: 2 }, { id: 5 }]);
    });

    it("keeps a stray quote as data, stays in step after it, and rejects a quote never closed", async () => {
        const outcome = loaded(await h.drop("data/malformed.csv", 'id,v\n1,ok\n2,"bad"quote\n3,a"b\n4,fine\n5,"never closed\n6,inside\n'));
        expect(await h.rows("SELECT id::int, v FROM malformed ORDER BY id")).to.deep.equal([
            { id: 1, v: "ok" },
            { id: 2, v: '"bad"quote' },
            { id: 3, v: 'a"b' },
            { id: 4, v: "fine" },
        ]);
        const rejects = parseRejects(await h.text(outcome.rejectFile!));
        expect(rejects).to.have.length(1);
        expect(rejects[0].line).to.equal("6");
        expect(rejects[0].reason).to.equal("malformed CSV: the quote opened on line 6 is never closed; the rest of the file is not loaded");
    });

    it("keeps unicode and injection-shaped values as data, quoted and parameter-free", async () => {
        const outcome = loaded(
            await h.drop("data/utf8_ok.csv", 'id,name\n1,Zoë 🚀 日本\n2,"\'); DROP TABLE utf8_ok; --"\n3,back\\slash\ttab\n'),
        );
        expect(outcome.summary.rowsStaged).to.equal(3);
        expect(await h.rows("SELECT name FROM utf8_ok ORDER BY id")).to.deep.equal([
            { name: "Zoë 🚀 日本" },
            { name: "'); DROP TABLE utf8_ok; --" },
            { name: "back\\slash\ttab" },
        ]);
    });

    it("infers text for a column of mixed types and rejects rows with NUL characters", async () => {
        const outcome = loaded(await h.drop("data/mixed.csv", "id,v\n1,12\n2,abc\n3,2024-01-01\n4,a\u0000b\n"));
        const types = await h.rows<{ data_type: string }>(
            "SELECT data_type FROM information_schema.columns WHERE table_name = 'mixed' AND column_name = 'v'",
        );
        expect(types[0].data_type).to.equal("text");
        expect(outcome.summary).to.include({ rowsStaged: 3, rowsRejected: 1 });
        expect(parseRejects(await h.text(outcome.rejectFile!))[0].reason).to.equal(
            "v contains a NUL character, which PostgreSQL cannot store",
        );
    });

    const wholeFile: [string, string | Buffer, RegExp][] = [
        [
            "not UTF-8 (Latin-1 bytes)",
            Buffer.concat([Buffer.from("id,name\n1,"), Buffer.from([0x43, 0x61, 0x66, 0xe9]), Buffer.from("\n")]),
            /not UTF-8/,
        ],
        ["empty", "", /the file is empty/],
        ["only blank lines", "\n\r\n\n", /the file is empty/],
        ["header only", "id,name\n", /header but no data rows/],
        ["header and blank lines only", "id,name\r\n\r\n\r\n", /header but no data rows/],
        ["a duplicate column", "id,name,Name\n1,a,b\n", /column "name" appears more than once/],
        ["a blank column name", "id,,name\n1,a,b\n", /a column name is blank/],
        ["a column name that is not an identifier", 'id,"first name"\n1,a\n', /column name "first name" is not/],
        ["an injection-shaped column name", 'id,"x"" text); drop table t; --"\n1,a\n', /is not a lower-case identifier/],
    ];
    for (const [what, body, reason] of wholeFile) {
        it(`rejects a whole file with ${what}, writes the reason, creates no table and does not throw`, async () => {
            await h.dropTables("wholefile");
            const outcome = rejected(await h.drop("data/wholefile.csv", body));
            expect(outcome.reason).to.match(reason);
            expect(parseRejects(await h.text(outcome.rejectFile))[0].reason).to.match(reason);
            expect(await h.rows("SELECT 1 FROM pg_tables WHERE tablename = 'wholefile'")).to.deep.equal([]);
        });
    }

    it("rolls back rows already copied when a non-UTF-8 byte appears deep in the file", async () => {
        await h.dropTables("late_latin1");
        await h.drop("data/late_latin1.csv", "id,v\n0,before\n");
        const good = Array.from({ length: 50_000 }, (_, i) => `${i + 1},row ${i + 1}\n`).join("");
        const outcome = rejected(
            await h.drop("data/late_latin1.csv", Buffer.concat([Buffer.from(`id,v\n${good}`), Buffer.from([0xff, 0x0a])])),
        );
        expect(outcome.reason).to.match(/not UTF-8/);
        expect(await h.rows("SELECT id::int, v FROM late_latin1")).to.deep.equal([{ id: 0, v: "before" }]);
        await h.dropTables("late_latin1");
    });

    it("rejects a file over the size limit unread", async () => {
        const outcome = rejected(await h.drop("data/big.csv", "id\n1\n2\n", { ...testConfig, maxFileBytes: 4 }));
        expect(outcome.reason).to.equal("the file has 7 bytes, over the limit of 4");
    });

    it("rejects a file whose key column exists in a table without a unique constraint on it", async () => {
        await h.dropTables("nokey");
        await h.drop("data/nokey.csv", "name\nann\n"); // appended: no key, no constraint
        const outcome = rejected(await h.drop("data/nokey.csv", "id,name\n1,bob\n"));
        expect(outcome.reason).to.equal("table nokey has no unique constraint on id, so rows cannot be upserted on it");
        expect(await h.rows("SELECT name FROM nokey")).to.deep.equal([{ name: "ann" }]);
    });

    it("rejects a file that lacks a column the table requires", async () => {
        await h.dropTables("strict");
        await h.client.query("CREATE TABLE strict (id bigint PRIMARY KEY, must text NOT NULL)");
        const outcome = rejected(await h.drop("data/strict.csv", "id\n1\n"));
        expect(outcome.reason).to.equal("table strict requires column(s) must, which the header lacks");
        await h.dropTables("strict");
    });
});
