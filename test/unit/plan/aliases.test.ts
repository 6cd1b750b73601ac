import { expect } from "chai";
import { aliasUrn, allAliases } from "../../../scripts/plan/aliases";

const root = "urn:pulumi:dev::proj::pulumi:pulumi:Stack::proj-dev";
const component = "urn:pulumi:dev::proj::pulumi:pulumi:Stack$x:pipeline:New::csv";

describe("plan aliases", () => {
    it("turns a spec with a new type into the old URN under the same parent", () => {
        expect(aliasUrn({ type: "x:pipeline:Old" }, component, "x:pipeline:New", root)).to.equal(
            "urn:pulumi:dev::proj::pulumi:pulumi:Stack$x:pipeline:Old::csv",
        );
        expect(aliasUrn({ noParent: true, name: "old" }, component, "x:pipeline:New", root)).to.equal(
            "urn:pulumi:dev::proj::x:pipeline:New::old",
        );
    });

    it("renames a resource under the same parent within the type chain its own URN has", () => {
        // The mocks build a child's URN from its parent's last type only; the engine from the whole chain.
        const method = "urn:pulumi:dev::proj::x:pipeline:New$aws:apigateway/method:Method::csv-api-events-post";
        expect(aliasUrn({ name: "csv-api-post-events", parentUrn: component }, method, "aws:apigateway/method:Method", component)).to.equal(
            "urn:pulumi:dev::proj::x:pipeline:New$aws:apigateway/method:Method::csv-api-post-events",
        );
    });

    it("gives children of an aliased parent the parent's old type chain and name prefix", () => {
        const child = "urn:pulumi:dev::proj::pulumi:pulumi:Stack$x:pipeline:New$aws:s3/bucket:Bucket::csv-bucket";
        const aliases = allAliases([
            { urn: root, type: "pulumi:pulumi:Stack", name: "proj-dev", aliases: [] },
            {
                urn: component,
                type: "x:pipeline:New",
                name: "csv",
                parent: root,
                aliases: ["urn:pulumi:dev::proj::pulumi:pulumi:Stack$x:pipeline:Old::files"],
            },
            { urn: child, type: "aws:s3/bucket:Bucket", name: "csv-bucket", parent: component, aliases: [] },
        ]);
        expect(aliases.get(child)).to.deep.equal([
            "urn:pulumi:dev::proj::pulumi:pulumi:Stack$x:pipeline:Old$aws:s3/bucket:Bucket::files-bucket",
        ]);
        expect(aliases.get(root)).to.deep.equal([]);
    });
});
