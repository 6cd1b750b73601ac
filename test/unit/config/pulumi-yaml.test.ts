// The TypeScript defaults are the source; Pulumi.yaml declares the same keys with the same defaults.
import { expect } from "chai";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";
import { configDefaults } from "../../../config/platform-config";
import { budgetKeys, usageDefaults } from "../../../scripts/plan/cost/usage";

/** Keys only the offline plan's cost estimate reads (checked against its defaults in test/unit/plan/cost.test.ts). */
const planOnlyKeys = new Set<string>([...Object.keys(usageDefaults), ...Object.values(budgetKeys)]);

interface Declared {
    type: string;
    default?: unknown;
}

describe("Pulumi.yaml against the config modules", () => {
    const project = yaml.load(fs.readFileSync(path.resolve(__dirname, "../../../Pulumi.yaml"), "utf8")) as {
        config: Record<string, Declared>;
    };
    const declared = Object.fromEntries(Object.entries(project.config).map(([key, value]) => [key.replace(/^data-platform:/, ""), value]));

    it("declares exactly the keys the config modules read, besides the plan's cost keys", () => {
        const programKeys = Object.keys(declared).filter(key => !planOnlyKeys.has(key));
        expect(programKeys.sort()).to.deep.equal(Object.keys(configDefaults).sort());
    });

    it("declares each key with the default and type the TypeScript uses", () => {
        for (const [key, value] of Object.entries(configDefaults)) {
            expect(declared[key].default, key).to.deep.equal(value);
            const type = Array.isArray(value) ? "array" : typeof value === "number" ? "integer" : typeof value;
            expect(declared[key].type, key).to.equal(type);
        }
    });
});
