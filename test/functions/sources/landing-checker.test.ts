// The s3 source's landing checker on moto: good uploads move to raw, bad ones to rejected/ with why.
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { expect } from "chai";

import { checkLanding, LandingConfig } from "../../../functions/sources/landing-checker";
import { motoBucketsPerTest } from "../../support/moto-buckets";

const bucket = "warehouse-zones";
const config: LandingConfig = {
    source: "store_uploads",
    landingPrefix: "landing/store_uploads/",
    rawPrefix: "raw/stores/",
    rejectedPrefix: "rejected/store_uploads/",
    maxSizeBytes: 200,
    format: "csv",
    mapping: {
        store: { from: "store_id", type: "string", required: true },
        revenue: { from: "revenue", type: "decimal", required: false },
    },
};

describe("functions/sources: s3 landing checker (moto S3)", () => {
    const moto = motoBucketsPerTest(bucket);

    async function land(name: string, body: string, cfg = config) {
        const key = `${cfg.landingPrefix}${name}`;
        await moto.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
        return checkLanding(moto.s3, cfg, { bucket, key, size: Buffer.byteLength(body) });
    }
    const keys = () => moto.keys(bucket);
    const read = (key: string) => moto.text(bucket, key);

    it("moves a good file to the raw zone under the source's prefix, keeping its sub-path", async () => {
        const body = "store_id,revenue\ns1,10.50\ns2,\n";
        const outcome = await land("2026/12/sales.csv", body);
        expect(outcome).to.deep.equal({
            key: "landing/store_uploads/2026/12/sales.csv",
            accepted: true,
            destination: "raw/stores/2026/12/sales.csv",
            records: 2,
        });
        expect(await keys()).to.deep.equal(["raw/stores/2026/12/sales.csv"]);
        expect(await read("raw/stores/2026/12/sales.csv")).to.equal(body);
    });

    it("rejects a file whose records miss a required field or hold a wrong type, with the reason next to it", async () => {
        const outcome = await land("bad.csv", "store_id,revenue\n,1\ns2,lots\n");
        expect(outcome?.accepted).to.equal(false);
        expect(outcome?.reason).to.equal('record 1: store_id is missing; record 2: revenue is not a decimal ("lots")');
        expect(await keys()).to.deep.equal(["rejected/store_uploads/bad.csv", "rejected/store_uploads/bad.csv.reason.json"]);
        expect(JSON.parse(await read("rejected/store_uploads/bad.csv.reason.json"))).to.include({
            source: "store_uploads",
            reason: outcome?.reason,
        });
    });

    it("rejects a file over the size limit without reading it, and a file that is not the declared format", async () => {
        const big = await land("big.csv", `store_id\n${"s\n".repeat(150)}`);
        expect(big?.reason).to.match(/bytes is over the source's limit of 200/);
        const json = await land("x.json", "{not json", { ...config, format: "json" });
        expect(json?.reason).to.match(/^not valid JSON/);
        const empty = await land("empty.csv", "store_id,revenue\n");
        expect(empty?.reason).to.equal("no records");
        expect((await keys()).filter(k => k.startsWith("raw/"))).to.deep.equal([]);
    });

    it("accepts JSON lines and JSON arrays; ignores keys outside the landing prefix", async () => {
        const jsonl = await land("a.jsonl", '{"store_id":"s1","revenue":3}\n{"store_id":"s2"}\n', { ...config, format: "jsonl" });
        expect(jsonl).to.include({ accepted: true, records: 2 });
        const array = await land("b.json", '[{"store_id":"s1","revenue":"2.5"}]', { ...config, format: "json" });
        expect(array).to.include({ accepted: true, records: 1 });
        expect(await checkLanding(moto.s3, config, { bucket, key: "raw/stores/a.jsonl", size: 10 })).to.equal(undefined);
    });
});
