// The pack as a whole, and the in-process evaluator that stands in for the CrossGuard server.
import { expect } from "chai";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../../policy/policies";
import { check, resource, unknownAtPreview } from "../support/policy";

describe("policy pack", () => {
    it("sets every policy's enforcement level explicitly (the SDK default is advisory) and names each once", () => {
        for (const policy of policies) {
            expect(policy.enforcementLevel, policy.name).to.be.oneOf(["mandatory", "advisory"]);
        }
        const names = policies.map(p => p.name);
        expect(new Set(names).size).to.equal(names.length);
    });
});

describe("in-process evaluator", () => {
    const readsTag: ResourceValidationPolicy = {
        name: "reads-tag",
        description: "test",
        enforcementLevel: "mandatory",
        validateResource: (args, report) => {
            if (args.props.tags.owner === undefined) {
                report("no owner");
            }
        },
    };

    it("reports at the policy's level and downgrades to advisory when a check touches an unknown value", async () => {
        const known = resource("aws:s3/bucket:Bucket", "known", { tags: {} });
        const computed = resource("aws:s3/bucket:Bucket", "computed", { tags: unknownAtPreview });
        const violations = await check([readsTag], known, computed);
        expect(violations.map(v => [v.urn, v.level])).to.deep.equal([
            [known.urn, "mandatory"],
            [computed.urn, "advisory"],
        ]);
        expect(violations[1].message).to.match(/^can't run policy 'reads-tag' during preview: .*\.tags/);
    });

    it("skips disabled policies, reports remediate as mandatory and ignores not-applicable resources", async () => {
        const bucket = resource("aws:s3/bucket:Bucket", "b", { tags: {} });
        expect(await check([{ ...readsTag, enforcementLevel: "disabled" }], bucket)).to.deep.equal([]);
        expect((await check([{ ...readsTag, enforcementLevel: "remediate" }], bucket)).map(v => v.level)).to.deep.equal(["mandatory"]);
        const picky: ResourceValidationPolicy = { ...readsTag, validateResource: args => args.notApplicable("only queues") };
        expect(await check([picky], bucket)).to.deep.equal([]);
    });

    it("gives stack policies parents and property dependencies as resource objects", async () => {
        const parent = resource("dataplatform:x:Thing", "thing", {});
        const key = resource("aws:kms/key:Key", "key", {});
        const child = resource(
            "aws:sqs/queue:Queue",
            "q",
            { kmsMasterKeyId: unknownAtPreview },
            { parent, propertyDependencies: { kmsMasterKeyId: [key] } },
        );
        const seen: string[] = [];
        const probe: StackValidationPolicy = {
            name: "probe",
            description: "test",
            enforcementLevel: "advisory",
            validateStack: args => {
                const queue = args.resources.find(r => r.type === "aws:sqs/queue:Queue")!;
                seen.push(queue.parent!.name, queue.propertyDependencies.kmsMasterKeyId[0].type, String(queue.dependencies.length));
            },
        };
        await check([probe], parent, key, child);
        expect(seen).to.deep.equal(["thing", "aws:kms/key:Key", "1"]);
    });
});
