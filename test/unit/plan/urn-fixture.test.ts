// The dev and prod plans against the fixture recorded before the restructuring: every recorded URN
// still exists or is an alias of a resource that does, with the same security-relevant inputs.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import type { PlanSnapshot } from "../../fixtures/plan-snapshot";
import { snapshotPath } from "../../fixtures/plan-snapshot";
import { projectDir } from "../../support/plan";

function currentSnapshot(stack: string): PlanSnapshot {
    const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "test/fixtures/plan-snapshot.ts", stack], {
        cwd: projectDir,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
    });
    if (child.status !== 0) {
        throw new Error(child.stderr);
    }
    return JSON.parse(child.stdout) as PlanSnapshot;
}

for (const stack of ["dev", "prod"]) {
    describe(`the ${stack} plan against its recorded fixture`, () => {
        const recorded = JSON.parse(fs.readFileSync(snapshotPath(stack), "utf8")) as PlanSnapshot;
        let current: PlanSnapshot;
        before(function () {
            this.timeout(300_000);
            current = currentSnapshot(stack);
        });

        const resolve = (urn: string) => current.resources.find(r => r.urn === urn || r.aliases.includes(urn));

        it("keeps every recorded URN, or carries it as an alias", () => {
            const lost = recorded.resources.map(r => r.urn).filter(urn => resolve(urn) === undefined);
            expect(lost).to.deep.equal([]);
        });

        it("adds no resource the fixture does not know", () => {
            const known = new Set(recorded.resources.map(r => r.urn));
            const added = current.resources.filter(r => !known.has(r.urn) && !r.aliases.some(alias => known.has(alias)));
            expect(added.map(r => r.urn)).to.deep.equal([]);
        });

        it("gives every resource the same security-relevant inputs", () => {
            const changed = recorded.resources.filter(r => JSON.stringify(resolve(r.urn)?.security) !== JSON.stringify(r.security));
            expect(changed.map(r => r.urn)).to.deep.equal([]);
        });

        it("has no mandatory violation", () => {
            expect(current.mandatoryViolations).to.deep.equal([]);
        });
    });
}
