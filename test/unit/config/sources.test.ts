import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";

import { expect } from "chai";
import * as yaml from "js-yaml";

import { ConfigError } from "../../../config/platform-config";
import { checkSourceDocument, loadSources, SourceFileError, SourceProblem } from "../../../config/sources";
import { sourceDefaults } from "../../../config/source-defaults";
import { sourceTypes } from "../../../functions/sources/source-definition";
import { REPO_ROOT } from "../../support/services";

const fixtures = path.join(REPO_ROOT, "test", "fixtures", "sources");

/** The issue's example, exactly as written there. */
const issueExample = `
source:
  name: customer_data_api
  type: rest_api
  config:
    endpoint: https://api.example.com/customers
    method: GET
    headers:
      Authorization: \${SECRET:customer_api_key}
    schedule: rate(1 hour)
  schema:
    type: json
    mapping:
      customerId: id
      customerName: name
      customerEmail: email
  destination:
    bucket: \${BUCKET:processed}
    prefix: customers/
    partitionBy: [year, month, day]
  redshift:
    schema: customers
    table: customer_data
    distkey: customerId
    sortkey: customerName
`;

function problemsOf(run: () => unknown): SourceProblem[] {
    try {
        run();
    } catch (error) {
        expect(error).to.be.instanceOf(SourceFileError);
        expect(error).to.be.instanceOf(ConfigError, "the plan maps ConfigError to exit 2");
        return (error as SourceFileError).problems;
    }
    throw new Error("expected a SourceFileError");
}

function example(): { source: Record<string, any> } {
    return yaml.load(issueExample) as { source: Record<string, any> };
}

describe("config/sources: the source file loader", () => {
    let dir: string;
    beforeEach(() => {
        dir = path.join(mkdtempSync(path.join(tmpdir(), "sources-")), "sources");
        cpSync(path.join(fixtures, "valid"), dir, { recursive: true });
    });
    afterEach(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

    it("accepts the issue's example as written and applies the documented defaults", () => {
        writeFileSync(path.join(dir, "customer_data_api.yaml"), issueExample);
        const source = loadSources(dir).find(s => s.name === "customer_data_api");
        expect(source?.type).to.equal("rest_api");
        if (source?.type !== "rest_api") throw new Error("unreachable");
        expect(source.config.headers).to.deep.equal({ Authorization: "${SECRET:customer_api_key}" }, "the secret stays a reference");
        expect(source.secrets).to.deep.equal(["customer_api_key"]);
        expect(source.config.pagination).to.deep.equal({ style: "none", maxPages: 1 });
        expect(source.config.timeoutSeconds).to.equal(sourceDefaults.timeoutSeconds);
        expect(source.config.retries).to.deep.equal(sourceDefaults.retries);
        expect(source.destination).to.deep.equal({ zone: "processed", prefix: "customers/", partitionBy: ["year", "month", "day"] });
        expect(Object.keys(source.schema.mapping)).to.deep.equal(["customerid", "customername", "customeremail"]);
        expect(source.schema.mapping.customerid).to.deep.equal({ from: "id", type: "string", required: false });
        expect(source.redshift).to.deep.equal({
            schema: "customers",
            table: "customer_data",
            distkey: "customerid",
            sortkey: ["customername"],
        });
        expect(source.file).to.equal("sources/customer_data_api.yaml");
    });

    it("the repository's sources/ loads: one example of every type, the issue's example among them", () => {
        const shipped = loadSources(path.join(REPO_ROOT, "sources"));
        expect([...new Set(shipped.map(s => s.type))].sort()).to.deep.equal([...sourceTypes].sort());
        expect(shipped.map(s => s.file)).to.include("sources/online-retail.json");
        writeFileSync(path.join(dir, "customer_data_api.yaml"), issueExample);
        const example = loadSources(dir).find(s => s.name === "customer_data_api");
        expect(shipped.find(s => s.name === "customer_data_api")).to.deep.equal(example);
    });

    it("reads JSON and YAML files, sorted by file name, with the extensions' typed mappings", () => {
        const sources = loadSources(dir);
        expect(sources.map(s => [s.file, s.name])).to.deep.equal([
            ["sources/orders_api.json", "orders_api"],
            ["sources/store_uploads.yml", "store_uploads"],
        ]);
        const [orders, uploads] = sources;
        if (orders.type !== "rest_api" || uploads.type !== "s3") throw new Error("wrong types");
        expect(orders.config.pagination).to.deep.equal({ style: "token", tokenParam: "cursor", tokenPath: "data.next", maxPages: 20 });
        expect(orders.config.query).to.deep.equal({ status: "open", limit_hint: "50" });
        expect(orders.config.retries.maxAttempts).to.equal(3);
        expect(orders.secrets).to.deep.equal(["orders/api_token"]);
        expect(orders.schema.mapping.total).to.deep.equal({ from: "total", type: "decimal", required: false, precision: 12, scale: 2 });
        expect(uploads.config).to.deep.equal({ landingPrefix: "landing/store_uploads/", maxSizeMb: 5 });
        expect(uploads.destination.partitionBy).to.deep.equal(["year", "month"]);
    });

    it("returns no sources when the directory does not exist and ignores other files", () => {
        expect(loadSources(path.join(dir, "missing"))).to.deep.equal([]);
        writeFileSync(path.join(dir, "README.txt"), "not a source");
        expect(loadSources(dir)).to.have.length(2);
    });

    it("names the file, the path inside it and what was expected for every problem", () => {
        const problems = problemsOf(() => loadSources(path.join(fixtures, "invalid")));
        const at = (p: string) => problems.filter(x => x.file === "invalid/wrong_types.yaml" && x.path === p).map(x => x.expected);
        expect(at("/source/name")[0]).to.match(/must match/);
        expect(at("/source/config")).to.deep.equal(['unknown key "colour"']);
        expect(at("/source/config/method")).to.deep.equal(['must be one of "GET", "POST"']);
        expect(at("/source/config/endpoint")[0]).to.contain("https://");
        expect(at("/source/schema/mapping/id/type")[0]).to.contain('"integer"');
        expect(at("/source/config/headers/Authorization")[0]).to.contain("a secret name is");
        expect(at("/source/destination/bucket")[0]).to.contain("raw, processed, curated");
        const yamlProblem = problems.find(p => p.file === "invalid/not_yaml.yaml");
        expect(yamlProblem?.expected).to.match(/^valid YAML/);
    });

    it("puts every problem in the error's message, one per line", () => {
        writeFileSync(path.join(dir, "bad.json"), JSON.stringify({ source: { name: "bad" } }));
        expect(() => loadSources(dir)).to.throw(SourceFileError, /^sources\/bad\.json: \/source: missing required key "type"$/m);
    });

    it("rejects two sources with one name, and two sources loading one table", () => {
        const copy = example();
        writeFileSync(path.join(dir, "a.yaml"), issueExample);
        writeFileSync(path.join(dir, "b.json"), JSON.stringify(copy));
        copy.source.name = "other_name";
        copy.source.redshift.table = "orders";
        copy.source.redshift.schema = "sales";
        writeFileSync(path.join(dir, "c.json"), JSON.stringify(copy));
        const problems = problemsOf(() => loadSources(dir));
        expect(problems).to.deep.include({
            file: "sources/b.json",
            path: "/source/name",
            expected: "a unique source name (customer_data_api is also declared in sources/a.yaml)",
        });
        expect(problems).to.deep.include({
            file: "sources/orders_api.json",
            path: "/source/redshift/table",
            expected: "a table no other source loads (sales.orders is also loaded by sources/c.json)",
        });
    });

    it("rejects a raw prefix inside another source's, and accepts it once apart", () => {
        const inner = example();
        inner.source.name = "customer_details";
        inner.source.redshift.table = "customer_details";
        inner.source.destination.prefix = "customers/details/";
        writeFileSync(path.join(dir, "a.yaml"), issueExample);
        writeFileSync(path.join(dir, "b.json"), JSON.stringify(inner));
        expect(problemsOf(() => loadSources(dir))).to.deep.equal([
            {
                file: "sources/b.json",
                path: "/source/destination/prefix",
                expected: "a raw prefix apart from every other source's (customers/details/ overlaps customers/ of sources/a.yaml)",
            },
        ]);
        inner.source.destination.prefix = "customers_v2/";
        writeFileSync(path.join(dir, "b.json"), JSON.stringify(inner));
        expect(loadSources(dir).map(s => s.name)).to.include.members(["customer_data_api", "customer_details"]);
    });

    describe("cross-field checks and references", () => {
        const check = (edit: (s: Record<string, any>) => void) => {
            const document = example();
            edit(document.source);
            const result = checkSourceDocument("x.yaml", document);
            if (!Array.isArray(result)) throw new Error("expected problems");
            return result.map(p => `${p.path}: ${p.expected}`);
        };
        it("keys must name mapped columns", () => {
            expect(check(s => (s.redshift.distkey = "nope"))).to.deep.equal([
                "/source/redshift/distkey: a column of schema.mapping (nope is not mapped)",
            ]);
            expect(check(s => (s.redshift.sortkey = ["customerName", "x"]))).to.deep.equal([
                "/source/redshift/sortkey/1: a column of schema.mapping (x is not mapped)",
            ]);
        });
        it("column names are unique ignoring case", () => {
            expect(check(s => (s.schema.mapping.CUSTOMERID = "other"))[0]).to.contain("unique ignoring case");
        });
        it("a body goes only with POST; a decimal's scale fits its precision", () => {
            expect(check(s => (s.config.body = { q: 1 }))).to.deep.equal(["/source/config/body: a body only with method POST"]);
            expect(check(s => (s.schema.mapping.price = { from: "p", type: "decimal", precision: 4, scale: 6 }))[0]).to.contain(
                "scale no larger",
            );
        });
        it("secret references only in headers and query, bucket references only in destination.bucket, no unknown kinds", () => {
            expect(check(s => (s.config.endpoint = "https://api.example.com/${SECRET:k}"))).to.deep.equal([
                "/source/config/endpoint: ${SECRET:k}: secret references are allowed only in config.headers and config.query",
            ]);
            expect(check(s => (s.description = "${BUCKET:raw}"))[0]).to.contain("only in destination.bucket");
            expect(check(s => (s.config.headers.Authorization = "${ENV:HOME}"))[0]).to.contain("is not a known reference");
        });
        it("per-type config: an s3 key in a rest_api source is unknown, a token pagination needs its path", () => {
            expect(check(s => (s.config.maxSizeMb = 3))).to.deep.equal(['/source/config: unknown key "maxSizeMb"']);
            expect(check(s => (s.config.pagination = { style: "token" }))).to.deep.equal([
                '/source/config/pagination: missing required key "tokenPath"',
            ]);
            expect(check(s => (s.config.pagination = { style: "offset", tokenPath: "x" }))).to.deep.equal([
                '/source/config/pagination: unknown key "tokenPath"',
            ]);
        });
        it("email and stream sources have their own required keys", () => {
            expect(
                check(s => ((s.type = "email"), (s.config = { recipients: ["in@example.com"], allowedSenders: ["bad"] }))),
            ).to.deep.equal(["/source/config/allowedSenders/0: must be an e-mail address or @domain"]);
            expect(check(s => ((s.type = "stream"), (s.config = {})))).to.deep.equal(['/source/config: missing required key "stream"']);
            expect(check(s => ((s.type = "stream"), (s.config = { stream: "stream-ingest", archive: "twice" })))).to.deep.equal([
                '/source/config/archive: must be one of "firehose", "existing"',
            ]);
        });
        it("transform and quality name mapped columns of the right type; formats only on timestamps", () => {
            expect(
                check(
                    s =>
                        (s.transform = {
                            dedupeKey: ["customerId", "nope"],
                            partitionColumn: "customerName",
                            quantityColumn: "customerId",
                        }),
                ),
            ).to.deep.equal([
                "/source/transform/dedupeKey/1: a column of schema.mapping (nope is not mapped)",
                "/source/transform/partitionColumn: a column of type timestamp (customerName is string)",
                "/source/transform/quantityColumn: a column of type integer (customerId is string)",
            ]);
            expect(check(s => (s.quality = { maxNullRate: { gone: 0.1 } }))).to.deep.equal([
                "/source/quality/maxNullRate/gone: a column of schema.mapping (gone is not mapped)",
            ]);
            expect(check(s => (s.quality = { minRows: 1, maxNullRate: { customerId: 2 } }))).to.deep.equal([
                "/source/quality/maxNullRate/customerId: must be <= 1",
            ]);
            expect(check(s => (s.schema.mapping.customerName = { from: "name", formats: ["yyyy"] }))).to.deep.equal([
                "/source/schema/mapping/customerName/formats: formats only on a timestamp column",
            ]);
        });
    });
});
