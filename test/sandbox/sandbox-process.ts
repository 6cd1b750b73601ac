// Runs `npm start`'s program as a child process in its own state directory on a free port, and
// waits until it says it is ready.
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Endpoints } from "../../scripts/sandbox/report";

const projectDir = path.resolve(__dirname, "..", "..");
const start = path.join(projectDir, "scripts", "sandbox", "start.ts");

export interface SandboxProcess {
    child: ChildProcess;
    output(): string;
    exited: Promise<number | null>;
}

export function spawnSandbox(stateDir: string, args: string[] = []): SandboxProcess {
    let output = "";
    const child = spawn(process.execPath, ["-r", "ts-node/register/transpile-only", start, "--port", "0", ...args], {
        cwd: projectDir,
        env: { ...process.env, SANDBOX_DIR: stateDir },
        stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", chunk => (output += String(chunk)));
    child.stderr!.on("data", chunk => (output += String(chunk)));
    const exited = new Promise<number | null>(resolve => child.on("exit", code => resolve(code)));
    return { child, output: () => output, exited };
}

export async function waitUntilReady(sandbox: SandboxProcess, stateDir: string, timeoutMs: number): Promise<Endpoints> {
    const deadline = Date.now() + timeoutMs;
    while (!/Sandbox ready in/.test(sandbox.output())) {
        if (sandbox.child.exitCode !== null || Date.now() > deadline) {
            throw new Error(`the sandbox did not start:\n${sandbox.output()}`);
        }
        await new Promise(resolve => setTimeout(resolve, 200));
    }
    return JSON.parse(fs.readFileSync(path.join(stateDir, "endpoints.json"), "utf8")) as Endpoints;
}

/** Processes whose command line names `marker` (the sandbox's state directory). */
export function processesNaming(marker: string): string[] {
    return fs
        .readdirSync("/proc")
        .filter(entry => /^\d+$/.test(entry))
        .map(pid => {
            try {
                return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
            } catch {
                return "";
            }
        })
        .filter(command => command.includes(marker));
}
