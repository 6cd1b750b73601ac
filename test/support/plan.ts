// Runs the offline plan in a child process (the program module can be evaluated once per process).
import { spawnSync } from "child_process";
import * as path from "path";
import type { PlanResult } from "../../scripts/plan/offline-plan";

const projectDir = path.resolve(__dirname, "..", "..");

export interface PlanRun {
    status: number;
    stdout: string;
    stderr: string;
    json(): PlanResult;
}

function run(script: string, args: string[]): PlanRun {
    const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", script, ...args], {
        cwd: projectDir,
        encoding: "utf8",
        timeout: 120_000,
    });
    return {
        status: child.status ?? -1,
        stdout: child.stdout,
        stderr: child.stderr,
        json: () => JSON.parse(child.stdout) as PlanResult,
    };
}

/** `npm run plan -- <args>` without npm. */
export function plan(...args: string[]): PlanRun {
    return run(path.join(projectDir, "scripts/plan/plan.ts"), args);
}

/** The plan command against another project directory or program module. */
export function planWith(dir: string, programPath: string, ...args: string[]): PlanRun {
    return run(path.join(projectDir, "test/fixtures/run-plan.ts"), [dir, programPath, ...args]);
}

export { projectDir };
