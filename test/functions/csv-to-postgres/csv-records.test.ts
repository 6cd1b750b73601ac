// The CSV reader on its own: byte chunks split anywhere, line numbers, UTF-8 checks.
import { expect } from "chai";
import { Readable } from "stream";
import { parse } from "csv-parse/sync";
import { CsvItem, csvItems, isProblem } from "../../../functions/csv-to-postgres/csv-records";
import { maxRecordChars } from "../../../functions/csv-to-postgres/csv-scanner";

async function read(bytes: Buffer, chunkSize: number | (() => number)): Promise<CsvItem[]> {
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < bytes.length;) {
        const size = typeof chunkSize === "number" ? chunkSize : chunkSize();
        chunks.push(bytes.subarray(offset, offset + size));
        offset += size;
    }
    const items: CsvItem[] = [];
    for await (const item of csvItems(Readable.from(chunks))) {
        items.push(item);
    }
    return items;
}

describe("CSV reader", () => {
    const text = '\ufeffid,name\r\n1,"Zoë 🚀\r\nsecond line"\r\n2,日本\r\n';

    it("gives the same records and line numbers whatever the chunk boundaries, even inside multi-byte characters", async () => {
        const expected = [
            { line: 1, fields: ["id", "name"] },
            { line: 2, fields: ["1", "Zoë 🚀\r\nsecond line"] },
            { line: 4, fields: ["2", "日本"] },
        ];
        for (const size of [1, 2, 3, 5, 7, 1024]) {
            expect(await read(Buffer.from(text, "utf8"), size), `chunks of ${size} bytes`).to.deep.equal(expected);
        }
    });

    it("ends each row at its own CRLF, LF or CR, even when a chunk ends between CR and LF, and keeps quoted ones", async () => {
        const mixed = 'a,b\r\n1,x\n2,"p\r\nq"\r3,y\r\n\r\n4,z';
        const expected = [
            { line: 1, fields: ["a", "b"] },
            { line: 2, fields: ["1", "x"] },
            { line: 3, fields: ["2", "p\r\nq"] },
            { line: 5, fields: ["3", "y"] },
            { line: 6, fields: [""] }, // the blank line, kept so that line numbers stay exact
            { line: 7, fields: ["4", "z"] },
        ];
        for (const size of [1, 2, 3, 4, 5, 6, 1024]) {
            expect(await read(Buffer.from(mixed, "utf8"), size), `chunks of ${size} bytes`).to.deep.equal(expected);
        }
    });

    it("rejects invalid UTF-8 and a file that ends inside a character, whatever the chunk boundaries", async () => {
        const invalid = Buffer.concat([Buffer.from("id\n1\n"), Buffer.from([0xc3, 0x28]), Buffer.from("\n")]);
        const truncated = Buffer.concat([Buffer.from("id\n1\n"), Buffer.from("🚀", "utf8").subarray(0, 3)]);
        for (const size of [1, 4, 1024]) {
            const bad = await read(invalid, size).catch((error: Error) => error);
            expect(bad)
                .to.be.instanceOf(Error)
                .with.property("message")
                .that.matches(/not UTF-8: invalid byte sequence/);
            const cut = await read(truncated, size).catch((error: Error) => error);
            expect(cut).to.be.instanceOf(Error).with.property("message", "the file is not UTF-8: it ends inside a multi-byte character");
        }
    });

    it("keeps a 5 MB quoted field whole, with the commas, quotes and line breaks in it", async () => {
        const big = `${'x, ""y\r\n'.repeat(500_000)}end`;
        const items = await read(Buffer.from(`id,v\n1,"${big}"\n2,b\n`), 64 * 1024);
        expect(items.map(item => (isProblem(item) ? item : { line: item.line, sizes: item.fields.map(f => f.length) }))).to.deep.equal([
            { line: 1, sizes: [2, 1] },
            { line: 2, sizes: [1, big.length - 500_000] },
            { line: 500_003, sizes: [1, 1] },
        ]);
        expect((items[1] as { fields: string[] }).fields[1]).to.equal(big.replace(/""/g, '"'));
    });

    it("stops at a record longer than the limit (a quote never closed) instead of holding the rest of the file", async () => {
        const body = Buffer.concat([Buffer.from('id,v\n1,ok\n2,"open\n'), Buffer.alloc(2 * maxRecordChars + 1024 * 1024, "a\n")]);
        const items = await read(body, 1024 * 1024);
        expect(items).to.deep.equal([
            { line: 1, fields: ["id", "v"] },
            { line: 2, fields: ["1", "ok"] },
            {
                line: 3,
                reason: "malformed CSV: the record on line 3 is longer than 32 MiB (is a quote never closed?); the rest of the file is not loaded",
            },
        ]);
    });

    it("reads random files the way csv-parse (relaxed quotes, any line end) does, whatever the chunk boundaries", async () => {
        // A small deterministic generator: the same cases on every run.
        let seed = 42;
        const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        const alphabet = ["a", "b", ",", ",", '"', '"', "\n", "\r\n", "\r", " ", "é", "🚀"];
        for (let round = 0; round < 400; round++) {
            const length = 1 + Math.floor(random() * 60);
            const text = Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
            const expected = parse(text, {
                relax_column_count: true,
                relax_quotes: true,
                skip_records_with_error: true,
                record_delimiter: ["\r\n", "\n", "\r"],
            }) as string[][];
            const items = await read(Buffer.from(text), () => 1 + Math.floor(random() * 8));
            const records = items.filter(item => !isProblem(item)).map(item => (item as { fields: string[] }).fields);
            expect(records, JSON.stringify(text)).to.deep.equal(expected);
        }
    });
});
