// `plan --cost`: estimates of fixture programs priced by hand from the price file's own numbers,
// unknown types and regions, the budget rule both ways, and the dev and prod stacks.
import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import type { CapturedResource } from "../../../scripts/plan/capture";
import { CostEstimate, estimateCosts } from "../../../scripts/plan/cost/estimate";
import { PriceFile } from "../../../scripts/plan/cost/prices";
import { parseCostSettings, usageDefaults } from "../../../scripts/plan/cost/usage";
import { loadStackConfig } from "../../../scripts/plan/stack-config";
import { endpointFixture, kinesisFixture, rdsFixture, warehouseFixture } from "../../fixtures/cost/quantities";
import { plan, planWith, projectDir } from "../../support/plan";
import { captureFixture, fixtureProgram, fixtureProject } from "../../support/plan-fixtures";

const priceFile = JSON.parse(fs.readFileSync(path.join(projectDir, "scripts/plan/cost/prices/us-east-1.json"), "utf8")) as PriceFile;
const price = (key: string) => {
    expect(priceFile.prices, `price ${key}`).to.have.property(key);
    return priceFile.prices[key].usd;
};
const hours = priceFile.hoursPerMonth;
const days = hours / 24;
const region = { "aws:region": "us-east-1" };

function estimate(dir: string, resources: CapturedResource[], stack = "fixture"): CostEstimate {
    const config = loadStackConfig(dir, stack);
    return estimateCosts(resources, parseCostSettings(config), config.values["aws:region"]);
}

function resourceTotal(result: CostEstimate, name: string): number {
    const found = result.resources.find(r => r.name === name);
    expect(found, `${name} is estimated`).to.not.equal(undefined);
    return found!.fixedUsd + found!.usageUsd;
}

describe("plan --cost: fixture programs priced by hand", function () {
    this.timeout(180_000);
    const dir = fixtureProject({
        fixture: region,
        busy: {
            ...region,
            "data-platform:costStreamRecordsPerDay": 50_000,
            "data-platform:costStreamRecordBytes": 30_000,
            "data-platform:costReceivedMailBytes": 600_000,
        },
    });

    it("prices a Multi-AZ RDS instance as two instances and two copies of its storage", () => {
        const result = estimate(dir, captureFixture(dir, fixtureProgram("cost/rds-instance.ts"), "fixture"));
        const copies = rdsFixture.multiAz ? price("rds.multiAzFactor") : 1;
        const expected =
            copies * hours * price(`rds.postgres.${rdsFixture.instanceClass}.hour`) +
            copies * rdsFixture.storageGb * price(`rds.storage.${rdsFixture.storageType}.gbMonth`);
        expect(resourceTotal(result, "fixture-db")).to.be.closeTo(expected, 1e-9);
        expect(result.totalUsd).to.be.closeTo(expected, 1e-9);
        expect(result.fixedUsd).to.be.closeTo(expected, 1e-9);
        expect(result.usageUsd).to.equal(0);
    });

    it("prices interface endpoints per AZ, the NAT gateway and its address, and nothing for subnets and routes", () => {
        const result = estimate(dir, captureFixture(dir, fixtureProgram("cost/vpc-endpoints.ts"), "fixture"));
        const usage = parseCostSettings(loadStackConfig(dir, "fixture")).usage;
        const perEndpoint = endpointFixture.azs * hours * price("vpc.interfaceEndpoint.azHour");
        const endpointData = usage.costEndpointGbPerMonth * price("vpc.interfaceEndpoint.gb");
        for (const service of endpointFixture.services) {
            expect(resourceTotal(result, `fixture-${service}`)).to.be.closeTo(perEndpoint + endpointData, 1e-9);
        }
        const nat = hours * price("vpc.natGateway.hour") + usage.costNatGbPerMonth * price("vpc.natGateway.gb");
        const address = hours * price("vpc.publicIpv4.hour");
        const fixed = endpointFixture.services.length * perEndpoint + hours * price("vpc.natGateway.hour") + address;
        expect(result.fixedUsd).to.be.closeTo(fixed, 1e-9);
        expect(result.totalUsd).to.be.closeTo(endpointFixture.services.length * (perEndpoint + endpointData) + nat + address, 1e-9);
        const subnets = result.resources.filter(r => r.type === "aws:ec2/subnet:Subnet");
        expect(subnets).to.have.length(2 * endpointFixture.azs);
        expect(subnets.every(s => s.status === "no-charge")).to.equal(true);
    });

    it("prices provisioned shards with PUT payload units, and an on-demand stream by the hour and the GB, from the stack's usage", () => {
        const resources = captureFixture(dir, fixtureProgram("cost/kinesis-streams.ts"), "busy");
        const result = estimate(dir, resources, "busy");
        const records = 50_000 * days;
        const unitsPerRecord = Math.ceil(30_000 / (25 * 1024)); // 2: a 30,000-byte record spans two 25 KB units
        expect(unitsPerRecord).to.equal(2);
        const provisioned =
            kinesisFixture.shards * hours * price("kinesis.shard.hour") +
            ((records * unitsPerRecord) / 1e6) * price("kinesis.putPayloadUnit.million");
        expect(resourceTotal(result, "fixture-provisioned")).to.be.closeTo(provisioned, 1e-9);
        const gb = (records * Math.ceil(30_000 / 1024) * 1024) / 1024 ** 3;
        const onDemand =
            hours * price("kinesis.onDemand.streamHour") +
            gb * price("kinesis.onDemand.ingestGb") +
            gb * price("kinesis.onDemand.retrieveGb");
        expect(resourceTotal(result, "fixture-on-demand")).to.be.closeTo(onDemand, 1e-9);
        expect(result.usage.costStreamRecordsPerDay).to.equal(50_000);
    });

    it("prices an SES receipt rule per message and per 256 KB chunk of the mail it receives, its rule set at nothing", () => {
        const result = estimate(dir, captureFixture(dir, fixtureProgram("cost/ses-receiving.ts"), "busy"), "busy");
        const usage = parseCostSettings(loadStackConfig(dir, "busy")).usage;
        const messages = usage.costObjectUploadsPerDay * days;
        const chunks = messages * Math.ceil(usage.costReceivedMailBytes / (256 * 1024));
        expect(chunks).to.be.greaterThan(messages); // the fixture's messages span chunks
        const rule = result.resources.find(r => r.name === "fixture-receipt")!;
        expect(rule.usageUsd).to.be.closeTo(
            (messages / 1000) * price("ses.receiving.thousandMessages") + (chunks / 1000) * price("ses.receiving.thousandChunks"),
            1e-9,
        );
        expect(result.resources.find(r => r.name === "fixture-rules")?.status).to.equal("no-charge");
    });

    it("picks up warehouse types by resource type, caps Redshift by its usage limit, and lists what it cannot price", () => {
        const result = estimate(dir, captureFixture(dir, fixtureProgram("cost/future-pipelines.ts"), "fixture"));
        const usage = parseCostSettings(loadStackConfig(dir, "fixture")).usage;
        const wanted = warehouseFixture.baseRpus * usage.costWarehouseActiveHoursPerDay * days;
        const cap = warehouseFixture.dailyRpuHourLimit * days;
        expect(cap).to.be.lessThan(wanted); // the limit binds in this fixture
        expect(resourceTotal(result, "fixture-warehouse")).to.be.greaterThan(0);
        const workgroup = result.resources.find(r => r.type === "aws:redshiftserverless/workgroup:Workgroup")!;
        expect(workgroup.usageUsd).to.be.closeTo(cap * price("redshift.serverless.rpuHour"), 1e-9);
        expect(workgroup.lines[0].description).to.contain("capped by the usage limit");
        const job = result.resources.find(r => r.name === "fixture-load")!;
        const dpuHours =
            (usage.costGlueRunsPerDay *
                days *
                warehouseFixture.glueWorkers *
                warehouseFixture.glueDpuPerWorker *
                usage.costGlueRunMinutes) /
            60;
        expect(job.usageUsd).to.be.closeTo(dpuHours * price("glue.job.dpuHour"), 1e-9);
        const machine = result.resources.find(r => r.name === "fixture-orchestration")!;
        const transitions = usage.costStateMachineRunsPerDay * days * warehouseFixture.states;
        expect(machine.usageUsd).to.be.closeTo((transitions / 1000) * price("stepfunctions.standard.transitionThousand"), 1e-9);
        for (const name of ["fixture-crawler", "fixture-delivery"]) {
            expect(result.resources.find(r => r.name === name)?.status, name).to.equal("estimated");
        }
        const notEstimated = Object.fromEntries(result.notEstimated.map(r => [r.urn.split("::").pop(), r.reason]));
        expect(notEstimated["fixture-notebook"]).to.equal("no estimator for aws:sagemaker/notebookInstance:NotebookInstance");
        expect(notEstimated["fixture-big-search"]).to.contain("opensearch.i4g.16xlarge.search.hour");
        expect(result.resources.find(r => r.name === "fixture-notebook")?.status).to.equal("not-estimated");
    });
});

describe("plan --cost: the command", function () {
    this.timeout(180_000);
    const kinesis = fixtureProgram("cost/kinesis-streams.ts");
    const dir = fixtureProject({
        under: { ...region, "data-platform:costBudgetUsd": 1000 },
        over: { ...region, "data-platform:costBudgetUsd": 1 },
        "over-mandatory": { ...region, "data-platform:costBudgetUsd": 1, "data-platform:costBudgetMandatory": true },
        paris: { "aws:region": "eu-west-3" },
    });

    it("reports no budget violation when the estimate is under the budget", () => {
        const under = planWith(dir, kinesis, "under", "--cost", "--json");
        expect(under.status, under.stderr).to.equal(0);
        const underJson = under.json() as unknown as { cost: CostEstimate; violations: { policy: string }[] };
        expect(underJson.cost.totalUsd).to.be.greaterThan(1).and.lessThan(1000);
        expect(underJson.violations.filter(v => v.policy === "cost-budget")).to.have.length(0);
    });

    it("reports an advisory violation over the budget (exit 0)", () => {
        const over = planWith(dir, kinesis, "over", "--cost", "--json");
        expect(over.status, over.stderr).to.equal(0);
        const budget = over.json().violations.filter(v => v.policy === "cost-budget");
        expect(budget.map(v => v.level)).to.deep.equal(["advisory"]);
        expect(budget[0].message).to.match(/^estimated \$\d+\.\d\d\/month exceeds the stack's budget of \$1\.00/);
    });

    it("reports a mandatory violation over the budget when the stack says so (exit 1)", () => {
        const mandatory = planWith(dir, kinesis, "over-mandatory", "--cost");
        expect(mandatory.status, mandatory.stderr).to.equal(1);
        expect(mandatory.stdout).to.contain("[mandatory] cost-budget: estimated $");
    });

    it("exits 2 for a region without a price file, naming it and the priced regions", () => {
        const run = planWith(dir, kinesis, "paris", "--cost");
        expect(run.status).to.equal(2);
        expect(run.stderr).to.contain(
            "cannot estimate costs in eu-west-3: no price file scripts/plan/cost/prices/eu-west-3.json (priced regions: us-east-1)",
        );
    });
});

describe("plan --cost: usage settings and the dev and prod stacks", function () {
    this.timeout(180_000);

    it("declares every usage key and the budget keys in Pulumi.yaml with the estimator's defaults", () => {
        const declared = (
            yaml.load(fs.readFileSync(path.join(projectDir, "Pulumi.yaml"), "utf8")) as {
                config: Record<string, { type: string; default: unknown; description?: string }>;
            }
        ).config;
        for (const [key, value] of Object.entries(usageDefaults)) {
            expect(declared[`data-platform:${key}`], key).to.deep.include({ type: "integer", default: value });
            expect(declared[`data-platform:${key}`].description, key).to.be.a("string").and.not.equal("");
        }
        expect(declared["data-platform:costBudgetUsd"]).to.deep.include({ type: "integer", default: 0 });
        expect(declared["data-platform:costBudgetMandatory"]).to.deep.include({ type: "boolean", default: false });
    });

    it("rejects a negative usage figure with a clear error", () => {
        const dir = fixtureProject({ bad: { ...region, "data-platform:costApiRequestsPerMonth": -5 } });
        expect(() => parseCostSettings(loadStackConfig(dir, "bad"))).to.throw(
            "config data-platform:costApiRequestsPerMonth must be a number of at least 0",
        );
    });

    for (const stack of ["dev", "prod"]) {
        it(`estimates ${stack}: every resource accounted for, components summing to the total`, () => {
            const run = plan(stack, "--cost", "--json");
            expect(run.status, run.stderr).to.equal(0);
            const { cost, resources } = run.json() as unknown as { cost: CostEstimate; resources: { urn: string; type: string }[] };
            const custom = resources.filter(
                r => !r.type.startsWith("dataplatform:") && r.type !== "pulumi:pulumi:Stack" && r.type !== "awsx:ec2:Vpc",
            );
            expect(cost.resources.map(r => r.urn).sort()).to.deep.equal(custom.map(r => r.urn).sort());
            expect(cost.components.reduce((sum, c) => sum + c.totalUsd, 0)).to.be.closeTo(cost.totalUsd, 1e-6);
            expect(cost.fixedUsd + cost.usageUsd).to.be.closeTo(cost.totalUsd, 1e-6);
            expect(cost.notEstimated).to.deep.equal([]);
            for (const line of cost.resources.flatMap(r => r.lines)) {
                expect(line.monthlyUsd).to.be.closeTo(line.quantity * price(line.priceKey), 1e-9);
            }
        });
    }

    it("prints the estimate, per component, with the usage assumptions it rests on", () => {
        const text = plan("dev", "--cost");
        expect(text.status, text.stderr).to.equal(0);
        expect(text.stdout).to.match(/^Monthly estimate \(us-east-1, USD/);
        expect(text.stdout).to.contain("Per component:").and.contain("shop (SearchAndCache)").and.contain("Usage assumptions");
        expect(text.stdout).to.match(/costApiRequestsPerMonth +100000 +\(default\)/);
    });
});
