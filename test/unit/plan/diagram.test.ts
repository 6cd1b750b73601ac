// `plan --diagram`: nodes, zones and flows of a fixture program; the Mermaid text; the dev SVG
// parses, names every component and matches docs/architecture.svg.
import { expect } from "chai";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { toMermaid } from "../../../scripts/plan/diagram/mermaid";
import { buildDiagram, Diagram } from "../../../scripts/plan/diagram/model";
import { toSvg } from "../../../scripts/plan/diagram/render";
import { plan, planWith, projectDir } from "../../support/plan";
import { captureFixture, fixtureProgram, fixtureProject } from "../../support/plan-fixtures";

/** Every text node of an SVG document (labels of nodes, clusters and edges). */
function svgTexts(svg: string): string[] {
    expect(XMLValidator.validate(svg), "the SVG is well-formed XML").to.equal(true);
    const texts: string[] = [];
    const walk = (value: unknown): void => {
        if (Array.isArray(value)) {
            value.forEach(walk);
        } else if (typeof value === "object" && value !== null) {
            for (const [key, item] of Object.entries(value)) {
                if (key === "text") {
                    [item]
                        .flat()
                        .forEach(t => texts.push(String(typeof t === "object" && t !== null ? (t as { "#text": unknown })["#text"] : t)));
                } else {
                    walk(item);
                }
            }
        }
    };
    walk(new XMLParser({ ignoreAttributes: true, htmlEntities: true }).parse(svg));
    return texts;
}

describe("plan --diagram: a fixture program", function () {
    this.timeout(120_000);
    let diagram: Diagram;
    before(() => {
        const dir = fixtureProject({ fixture: { "aws:region": "us-east-1" } });
        diagram = buildDiagram(captureFixture(dir, fixtureProgram("diagram/pipeline.ts"), "fixture"), "fixture");
    });

    it("draws the function in the private zone, the database in the isolated zone, triggers and stores in their component", () => {
        const nodes = diagram.nodes.map(node => [node.id, node.kind, node.zone, node.component]);
        expect(nodes).to.deep.equal([
            ["Bucket_pipe_bucket", "store", "regional", "pipe"],
            ["EventRule_pipe_schedule", "trigger", "entry", "pipe"],
            ["Function_pipe_fn", "function", "private", "pipe"],
            ["Instance_pipe_db", "store", "isolated", "pipe"],
            ["Stream_pipe_stream", "store", "regional", "pipe"],
            ["Table_pipe_table", "store", "regional", "pipe"],
        ]);
        expect(diagram.nodes.find(node => node.id === "EventRule_pipe_schedule")?.label).to.equal("schedule rate(1 hour)");
    });

    it("draws the notification, the stream mapping and the schedule into the function, and the function to the stores it names", () => {
        expect(diagram.edges.map(edge => `${edge.from} -> ${edge.to} ${edge.label}`.trim())).to.deep.equal([
            "Bucket_pipe_bucket -> Function_pipe_fn s3:ObjectCreated:* in/*",
            "EventRule_pipe_schedule -> Function_pipe_fn",
            "Function_pipe_fn -> Instance_pipe_db",
            "Function_pipe_fn -> Table_pipe_table",
            "Stream_pipe_stream -> Function_pipe_fn stream, batch 10",
        ]);
    });

    it("writes the same graph as Mermaid: the VPC, its zones, a group per component, every flow", () => {
        const mermaid = toMermaid(diagram);
        expect(mermaid).to.match(/^---\ntitle: fixture\n---\nflowchart LR\n/);
        expect(mermaid)
            .to.contain('subgraph vpc["VPC"]')
            .and.contain('subgraph private_pipe["pipe"]')
            .and.contain('subgraph isolated_pipe["pipe"]');
        expect(mermaid.match(/-->/g)).to.have.length(diagram.edges.length);
        expect(mermaid).to.contain('Stream_pipe_stream -->|"stream, batch 10"| Function_pipe_fn');
    });

    it("renders an SVG that parses and carries every node's label", async () => {
        const texts = svgTexts(await toSvg(diagram));
        for (const node of diagram.nodes) {
            expect(texts, node.label).to.include(node.label);
        }
        expect(texts).to.include("pipe");
    });
});

describe("plan --diagram: the dev stack and docs/architecture.svg", function () {
    this.timeout(180_000);

    it("names every component, and docs/architecture.svg is what the plan draws now (npm run diagram refreshes it)", () => {
        const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "plan-diagram-")), "architecture.svg");
        const run = plan("dev", "--json", "--diagram", out);
        expect(run.status, run.stderr).to.equal(0);
        const svg = fs.readFileSync(out, "utf8");
        const stackUrn = run.json().resources.find(r => r.type === "pulumi:pulumi:Stack")!.urn;
        const components = run.json().resources.filter(r => r.parent === stackUrn && r.type.startsWith("dataplatform:"));
        expect(components.map(c => c.name)).to.include.members(["platform", "network", "shop", "csv"]);
        const texts = svgTexts(svg);
        for (const component of components) {
            expect(texts, `component ${component.name}`).to.include(component.name);
        }
        const committed = fs.readFileSync(path.join(projectDir, "docs/architecture.svg"), "utf8");
        expect(svg === committed, "docs/architecture.svg is stale: run `npm run diagram` and commit it").to.equal(true);
    });

    it("exits 2 for a diagram file that is neither .svg nor .mmd, or a missing file name", () => {
        const dir = fixtureProject({ fixture: { "aws:region": "us-east-1" } });
        const bad = planWith(dir, fixtureProgram("cost/kinesis-streams.ts"), "fixture", "--diagram", path.join(dir, "out.png"));
        expect(bad.status).to.equal(2);
        expect(bad.stderr).to.contain('--diagram writes .svg or .mmd files, not "out.png"');
        expect(plan("dev", "--diagram").status).to.equal(2);
    });
});
