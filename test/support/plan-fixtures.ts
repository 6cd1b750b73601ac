// Fixture projects for the cost and diagram tests: this project's Pulumi.yaml with stack files
// written by the test, and fixture programs captured under mocks in a child process.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as os from "os";
import * as path from "path";
import { withAwsxChildren } from "../../scripts/plan/awsx-vpc-model";
import type { CapturedResource, ProgramCapture } from "../../scripts/plan/capture";
import { projectDir } from "./plan";

/** A temporary project with this project's declarations and the given stacks (key to value). */
export function fixtureProject(stacks: Record<string, Record<string, unknown>>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-fixture-"));
    fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
    for (const [stack, config] of Object.entries(stacks)) {
        fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), yaml.dump({ config }));
    }
    return dir;
}

export function fixtureProgram(name: string): string {
    return path.join(projectDir, "test/fixtures", name);
}

/** The resources a fixture program registers, with the awsx children the plan models. */
export function captureFixture(dir: string, program: string, stack: string): CapturedResource[] {
    const child = spawnSync(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", path.join(projectDir, "test/fixtures/capture-program.ts"), dir, program, stack],
        { cwd: projectDir, encoding: "utf8", timeout: 120_000 },
    );
    if (child.status !== 0) {
        throw new Error(`capturing ${program} failed: ${child.stderr}`);
    }
    return withAwsxChildren((JSON.parse(child.stdout) as ProgramCapture).resources);
}
