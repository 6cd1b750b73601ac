// The CSV reader on its own: byte chunks split anywhere, line numbers, UTF-8 checks.
import { expect } from "chai";
import { Readable } from "stream";
import { CsvItem, csvItems } from "../../../functions/csv-to-postgres/csv-records";

async function read(bytes: Buffer, chunkSize: number): Promise<CsvItem[]> {
    const chunks: Buffer[] = [];
    for (let offset = 0; offset < bytes.length; offset += chunkSize) {
        chunks.push(bytes.subarray(offset, offset + chunkSize));
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
});
