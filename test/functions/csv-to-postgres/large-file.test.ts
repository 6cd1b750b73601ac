// CsvToPostgres on a 1,000,000-row file, streamed into moto and out of it again.
import { expect } from "chai";
import { Readable } from "stream";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { handleS3Event } from "../../../functions/csv-to-postgres/handler";
import { requireService, resetMoto } from "../../support/services";
import { bucket, Harness, parseRejects, s3Event, testConfig } from "./harness";

const rowCount = 1_000_000;

/**
 * Rows 1..n; every 100,000th row has a bad amount, and the last 10 rows repeat keys 1..10 (the very
 * last one, key 10, is also a bad row: key 10 keeps its first, valid occurrence).
 */
function* rows(): Generator<string> {
    yield "id,email,amount,day,active\n";
    let batch = "";
    for (let i = 1; i <= rowCount; i++) {
        const id = i > rowCount - 10 ? i - (rowCount - 10) : i;
        const amount = i % 100_000 === 0 ? "n/a" : `${i % 1000}.${i % 100}`;
        batch += `${id},user${i}@example.com,${amount},2024-01-${String((i % 28) + 1).padStart(2, "0")},${i % 2 === 0}\n`;
        if (batch.length > 1 << 16) {
            yield batch;
            batch = "";
        }
    }
    yield batch;
}

describe("CsvToPostgres function: a 1,000,000-row file (tier 3)", function () {
    this.timeout(180_000);
    const h = new Harness();

    before(async () => {
        await requireService("postgres", "moto");
        await resetMoto();
        await h.start();
        await h.dropTables("million");
    });
    after(async () => {
        await h.dropTables("million");
        await h.stop();
    });

    it("loads every good row, rejects the bad ones by line, and lets the last duplicate win", async () => {
        const upload = new Upload({ client: h.s3, params: { Bucket: bucket, Key: "data/million.csv", Body: Readable.from(rows()) } });
        await upload.done();
        const size = (await h.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: "data/million.csv" }))).ContentLength!;
        const [outcome] = await handleS3Event(s3Event("data/million.csv", size), h.deps(), { ...testConfig, maxFileBytes: 1 << 30 });
        if (outcome.status !== "loaded") {
            throw new Error(JSON.stringify(outcome));
        }
        const keys = rowCount - 10 - 9; // ten repeated keys, nine bad rows with keys of their own
        expect(outcome.summary).to.include({ rowsRead: rowCount, rowsStaged: rowCount - 10, rowsRejected: 10, rowsUpserted: keys });
        const rejects = parseRejects(await h.text(outcome.rejectFile!));
        expect(rejects.map(r => r.line)).to.deep.equal(Array.from({ length: 10 }, (_, i) => String((i + 1) * 100_000 + 1)));
        expect(await h.rows("SELECT count(*)::int AS n, count(DISTINCT id)::int AS keys FROM million")).to.deep.equal([{ n: keys, keys }]);
        // The last valid occurrence of a key wins.
        expect(await h.rows("SELECT id::int, email FROM million WHERE id IN (1, 9, 10) ORDER BY id")).to.deep.equal([
            { id: 1, email: `user${rowCount - 9}@example.com` },
            { id: 9, email: `user${rowCount - 1}@example.com` },
            { id: 10, email: "user10@example.com" },
        ]);
    });
});
