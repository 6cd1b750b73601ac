// Sources are files, not code: the plan of a sources directory (DATAPLATFORM_SOURCES_DIR) with one
// file of each type has each source's resources; without those files they are gone and nothing
// else changed; an invalid file stops the plan with exit 2, naming the file, the path and the fix.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { expect } from "chai";

import type { PlanResult } from "../../../scripts/plan/offline-plan";
import { plan, PlanRun } from "../../support/plan";
import { repositorySourcesDir } from "../../support/sources";

const examples = ["customer_data_api.yaml", "store_uploads.yaml", "clickstream.yaml", "supplier_stock_mail.json"];

function planWithSources(dir: string, ...args: string[]): PlanRun {
    const previous = process.env.DATAPLATFORM_SOURCES_DIR;
    process.env.DATAPLATFORM_SOURCES_DIR = dir;
    try {
        return plan(...args);
    } finally {
        if (previous === undefined) delete process.env.DATAPLATFORM_SOURCES_DIR;
        else process.env.DATAPLATFORM_SOURCES_DIR = previous;
    }
}

function sourcesDir(root: string, name: string, files: string[]): string {
    const dir = path.join(root, name);
    mkdirSync(dir);
    files.forEach(file => copyFileSync(path.join(repositorySourcesDir, file), path.join(dir, file)));
    return dir;
}

describe("sources as files: the plan follows the sources directory", function () {
    this.timeout(600_000);
    let root: string;
    let withAll: PlanResult;
    let retailOnly: PlanResult;
    before(() => {
        root = mkdtempSync(path.join(tmpdir(), "plan-sources-"));
        const all = planWithSources(sourcesDir(root, "all", ["online-retail.json", ...examples]), "dev", "--json");
        expect(all.status, all.stderr).to.equal(0);
        withAll = all.json();
        const one = planWithSources(sourcesDir(root, "one", ["online-retail.json"]), "dev", "--json");
        expect(one.status, one.stderr).to.equal(0);
        retailOnly = one.json();
    });
    after(() => rmSync(root, { recursive: true, force: true }));

    const named = (result: PlanResult, type: string, name: string) => result.resources.some(r => r.type === type && r.name === name);

    it("gives each added file its source's ingestion, by type", () => {
        const expected: [string, string][] = [
            ["aws:lambda/function:Function", "warehouse-customer-data-api-fetcher"],
            ["aws:cloudwatch/eventRule:EventRule", "warehouse-customer-data-api-fetcher-schedule"],
            ["aws:secretsmanager/secret:Secret", "warehouse-secret-customer-api-key"],
            ["aws:lambda/function:Function", "warehouse-store-uploads-landing"],
            ["aws:s3/bucketNotification:BucketNotification", "warehouse-zones-uploads"],
            ["aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream", "warehouse-clickstream"],
            ["aws:ses/receiptRule:ReceiptRule", "warehouse-supplier-stock-mail-receipt"],
        ];
        expect(expected.filter(([type, name]) => !named(withAll, type, name))).to.deep.equal([]);
        expect(expected.filter(([type, name]) => named(retailOnly, type, name))).to.deep.equal([]);
    });

    it("gives each added source its own crawler, job, state machine and schedule", () => {
        for (const prefix of [
            "warehouse-customer-data-api",
            "warehouse-store-uploads",
            "warehouse-clickstream",
            "warehouse-supplier-stock-mail",
        ]) {
            for (const [type, suffix] of [
                ["aws:glue/crawler:Crawler", "-raw"],
                ["aws:glue/job:Job", "-transform"],
                ["aws:sfn/stateMachine:StateMachine", "-pipeline"],
                ["aws:scheduler/schedule:Schedule", "-schedule"],
            ]) {
                expect(named(withAll, type, `${prefix}${suffix}`), `${type} ${prefix}${suffix}`).to.equal(true);
                expect(named(retailOnly, type, `${prefix}${suffix}`), `${type} ${prefix}${suffix}`).to.equal(false);
            }
        }
    });

    it("removing the files removes only their sources' resources: the rest of the stack keeps its URNs", () => {
        const all = new Set(withAll.resources.map(r => r.urn));
        expect(retailOnly.resources.map(r => r.urn).filter(urn => !all.has(urn))).to.deep.equal([]);
        const sourceNames = [
            "customer-data-api",
            "store-uploads",
            "clickstream",
            "supplier-stock-mail",
            "secret-",
            "zones-uploads",
            "email-sources",
        ];
        const added = withAll.resources.filter(r => !retailOnly.resources.some(o => o.urn === r.urn));
        expect(added.filter(r => !sourceNames.some(name => r.name.includes(name))).map(r => r.urn)).to.deep.equal([]);
    });

    it("warns, as an advisory, that a rest_api source needs a NAT when natStrategy is None", () => {
        const advisory = (result: PlanResult) => result.violations.filter(v => v.policy === "internet-egress-needs-nat");
        expect(advisory(withAll).map(v => `${v.level} ${v.urn.split("::").pop()}`)).to.deep.equal([
            "advisory warehouse-customer-data-api-fetcher-internet",
        ]);
        expect(advisory(retailOnly)).to.deep.equal([]);
        expect(withAll.violations.filter(v => v.level === "mandatory")).to.deep.equal([]);
    });

    it("exits 2 on an invalid file, naming the file, the path inside it and what was expected", () => {
        const dir = sourcesDir(root, "invalid", ["online-retail.json"]);
        writeFileSync(
            path.join(dir, "orders.yaml"),
            "source:\n  name: orders\n  type: rest_api\n  config: { endpoint: 'https://api.example.com/o', method: PUT, schedule: rate(1 hour) }\n" +
                "  schema: { type: json, mapping: { id: id } }\n  destination: { bucket: '${BUCKET:processed}', prefix: orders/ }\n" +
                "  redshift: { schema: sales, table: orders }\n",
        );
        const run = planWithSources(dir, "dev");
        expect(run.status).to.equal(2);
        expect(run.stderr).to.contain('invalid/orders.yaml: /source/config/method: must be one of "GET", "POST"');
    });
});
