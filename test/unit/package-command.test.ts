// `npm run package`: one zip per function, holding exactly the one bundled file the function uploads.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { unzipSync } from "fflate";

const projectDir = path.resolve(__dirname, "..", "..");

function runPackage(...args: string[]) {
    return spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "scripts/package/package.ts", ...args], {
        cwd: projectDir,
        encoding: "utf8",
        timeout: 300_000,
    });
}

describe("the package command (npm run package)", function () {
    this.timeout(300_000);

    it("dev --out DIR: writes one zip per Lambda, named after its resource, each holding one bundled file, and prints the table", () => {
        const out = fs.mkdtempSync(path.join(os.tmpdir(), "package-"));
        const run = runPackage("dev", "--out", out);
        expect(run.status, run.stderr).to.equal(0);
        const zips = fs.readdirSync(out).sort();
        expect(zips).to.deep.equal([
            "csv-loader.zip",
            "events-consumer.zip",
            "events-customer-reader.zip",
            "events-invoice-reader.zip",
            "events-producer.zip",
            "shop-cache.zip",
            "shop-generator.zip",
            "shop-health.zip",
            "shop-search.zip",
            "shop-sync.zip",
            "warehouse-customer-data-api-fetcher.zip",
            "warehouse-runner.zip",
            "warehouse-store-uploads-landing.zip",
            "warehouse-supplier-stock-mail-extractor.zip",
        ]);
        for (const zip of zips) {
            const entries = unzipSync(fs.readFileSync(path.join(out, zip)));
            expect(Object.keys(entries), zip).to.deep.equal(["__index.js"]);
            expect(Buffer.from(entries["__index.js"]).toString("utf8"), zip).to.contain("exports.handler");
            const row = run.stdout.split("\n").find(line => line.startsWith(`${zip.replace(".zip", "")} `));
            const kb = (fs.statSync(path.join(out, zip)).size / 1024).toFixed(1);
            expect(row, zip).to.match(new RegExp(`^\\S+\\s+1\\s+${kb.replace(".", "\\.")}\\s+\\S`));
        }
        expect(run.stdout).to.match(/^csv-loader (?!.*csv-parse).*\bpg\b.*pg-copy-streams/m);
        expect(run.stdout).to.match(/^shop-search (?!.*redis).*@opensearch-project\/opensearch/m);
    });

    it("exits 2 with a clear message on an unknown stack or bad arguments", () => {
        const unknown = runPackage("staging");
        expect(unknown.status).to.equal(2);
        expect(unknown.stderr).to.contain('package: unknown stack "staging": no Pulumi.staging.yaml (stacks: dev, prod)');
        const bad = runPackage("dev", "--verbose");
        expect(bad.status).to.equal(2);
        expect(bad.stderr).to.contain("usage: npm run package -- <stack> [--out DIR]");
    });
});
