// CsvToPostgres on files whose rows end differently (files concatenated from Windows and Unix
// sources, or edited by hand): every row may end in CRLF, LF or a lone CR; line breaks inside
// quoted fields are data.
import { expect } from "chai";
import { FileOutcome } from "../../../functions/csv-to-postgres/handler";
import { requireService, resetMoto } from "../../support/services";
import { Harness } from "./harness";

function loaded(outcome: FileOutcome) {
    if (outcome.status !== "loaded") {
        throw new Error(`expected the file to load: ${JSON.stringify(outcome)}`);
    }
    return outcome;
}

describe("CsvToPostgres function: mixed line endings (tier 3)", () => {
    const h = new Harness();
    const table = "line_ends";

    before(async () => {
        await requireService("postgres", "moto");
        await resetMoto();
        await h.start();
    });
    beforeEach(() => h.dropTables(table));
    after(async () => {
        await h.dropTables(table);
        await h.stop();
    });

    async function load(body: string) {
        const outcome = loaded(await h.drop(`data/${table}.csv`, body));
        const types = await h.rows<{ column_name: string; data_type: string }>(
            `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table}' ORDER BY ordinal_position`,
        );
        const rows = await h.rows<{ id: string; name: string; amount: string }>(
            `SELECT id::text, name, amount::text FROM ${table} ORDER BY id`,
        );
        return { summary: outcome.summary, types: types.map(t => `${t.column_name}:${t.data_type}`), rows };
    }

    const expectedRows = [
        { id: "1", name: "ann", amount: "10" },
        { id: "2", name: "bob", amount: "20" },
        { id: "3", name: "cy", amount: "30" },
    ];
    const expectedTypes = ["id:bigint", "name:text", "amount:bigint"];

    const files: [string, string][] = [
        ["a CRLF header, then LF rows", "id,name,amount\r\n1,ann,10\n2,bob,20\n3,cy,30\r\n"],
        ["an LF header, then CRLF rows", "id,name,amount\n1,ann,10\r\n2,bob,20\r\n3,cy,30\r\n"],
        ["rows alternating CRLF and LF", "id,name,amount\r\n1,ann,10\n2,bob,20\r\n3,cy,30\n"],
        ["lone CR line ends", "id,name,amount\r1,ann,10\r2,bob,20\r3,cy,30\r"],
        ["all three, and no line break after the last row", "id,name,amount\n1,ann,10\r2,bob,20\r\n3,cy,30"],
    ];
    for (const [what, body] of files) {
        it(`loads ${what} with no stray CR or LF in any value and the last column typed as a number`, async () => {
            const { summary, types, rows } = await load(body);
            expect(summary).to.include({ rowsRead: 3, rowsStaged: 3, rowsRejected: 0 });
            expect(types).to.deep.equal(expectedTypes);
            expect(rows).to.deep.equal(expectedRows);
        });
    }

    it("keeps CRLF, LF and CR inside quoted fields as data, whatever ends the rows around them", async () => {
        const { summary, rows } = await load('id,name,amount\n1,"line one\r\nline two",10\r\n2,"a\nb\rc",20\n3,"ends in CRLF\r\n",30');
        expect(summary).to.include({ rowsRead: 3, rowsStaged: 3, rowsRejected: 0 });
        expect(rows).to.deep.equal([
            { id: "1", name: "line one\r\nline two", amount: "10" },
            { id: "2", name: "a\nb\rc", amount: "20" },
            { id: "3", name: "ends in CRLF\r\n", amount: "30" },
        ]);
    });

    it("numbers reject lines the same way whichever line ends the file mixes", async () => {
        const outcome = loaded(await h.drop(`data/${table}.csv`, 'id,name,amount\r\n1,"a\r\nb",10\n2,bob\r,cy,30\r\n4,dee,40'));
        expect(outcome.summary).to.include({ rowsRead: 4, rowsStaged: 2, rowsRejected: 2 });
        const rejects = (await h.text(outcome.rejectFile!)).split("\r\n").slice(1, -1);
        expect(rejects).to.deep.equal(['4,"expected 3 fields, found 2","2,bob"', '5,key id is empty,",cy,30"']);
    });
});
