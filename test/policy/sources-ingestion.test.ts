// The pack over what the stream and email builders deploy for the shipped examples (with the
// platform they run on), as a preview and as an up: no mandatory violation. An external stream is
// reported, advisory, so its encryption is checked where it is defined.
import { expect } from "chai";
import { emailSourceBuilder } from "../../components/sources/email-source";
import { streamSourceBuilder } from "../../components/sources/stream-source";
import type { SourceDefinition } from "../../functions/sources/source-definition";
import type { CapturedResource } from "../../scripts/plan/capture";
import { planFromCapture, PlanPhase } from "../../scripts/plan/offline-plan";
import { childrenOf, mocked, promiseOf } from "../support/pulumi";
import { exampleSource, ingestionFixture, knownStream } from "../support/source-ingestion";

async function deployed(prefix: string, sources: SourceDefinition[]): Promise<{ resources: CapturedResource[]; computed: string[] }> {
    const recorder = await mocked();
    const { parent, args } = ingestionFixture(prefix, sources[0]);
    const stream = knownStream(prefix, parent, args.platform.encryptionKey);
    for (const source of sources) {
        const builder = source.type === "email" ? emailSourceBuilder : streamSourceBuilder;
        builder(
            `${prefix}-${source.name}`,
            {
                ...args,
                source,
                streams: { "stream-ingest": stream },
                rawZone: { ...args.rawZone, prefix: `raw/${source.destination.prefix}` },
            },
            parent,
        );
    }
    const roots = [parent.urn, args.platform.encryptionKey.urn, args.platform.network.urn];
    const resources: CapturedResource[] = [];
    for (const root of roots) {
        const urn = await promiseOf(root);
        resources.push(...recorder.resources.filter(r => r.urn === urn), ...(await childrenOf(root)));
    }
    const capture = await recorder.finish();
    return { resources: [...new Map(resources.map(r => [r.urn, r])).values()], computed: capture.computedValues };
}

describe("policy pack over the stream and email sources", function () {
    this.timeout(120_000);
    const config = { project: "data-platform", stack: "unit", values: {} };

    for (const phase of ["preview", "up"] as PlanPhase[]) {
        it(`meets no mandatory violation for the shipped examples (${phase})`, async () => {
            const { resources, computed } = await deployed(`pk-${phase}`, [
                exampleSource("supplier_stock_mail.json"),
                exampleSource("clickstream.yaml"),
            ]);
            expect(resources.map(r => r.type)).to.include.members([
                "aws:ses/receiptRule:ReceiptRule",
                "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
            ]);
            const plan = await planFromCapture(config, resources, computed, phase);
            const mandatory = plan.violations.filter(v => v.level === "mandatory");
            expect(mandatory, JSON.stringify(mandatory, null, 1)).to.deep.equal([]);
            expect(plan.violations.filter(v => v.policy.startsWith("ses-") || v.policy.startsWith("firehose-"))).to.deep.equal([]);
        });
    }

    it("reports a stream source on an external ARN, advisory", async () => {
        const clicks = exampleSource("clickstream.yaml");
        if (clicks.type !== "stream") throw new Error("a stream source expected");
        const external = { ...clicks, config: { ...clicks.config, stream: "arn:aws:kinesis:us-east-1:210987654321:stream/partner" } };
        const { resources, computed } = await deployed("pk-ext", [external]);
        const plan = await planFromCapture(config, resources, computed, "up");
        expect(plan.violations.filter(v => v.level === "mandatory")).to.deep.equal([]);
        expect(plan.violations.filter(v => v.policy === "firehose-source-stream-in-stack").map(v => v.level)).to.deep.equal(["advisory"]);
    });
});
