// A function's container: one Node process with the function's environment, serving invocations
// one at a time (state kept between them, as in a warm Lambda container). A timed-out or crashed
// invocation kills the container and the next invocation starts a new one (a cold start).
import { ChildProcess, fork } from "child_process";
import { randomUUID } from "crypto";
import * as path from "path";
import { FunctionCode } from "./function-code";

export interface InvocationResult {
    ok: boolean;
    result?: unknown;
    error?: { name: string; message: string; stack?: string };
    durationMs: number;
    requestId: string;
}

interface Reply {
    id: number;
    ok: boolean;
    result?: unknown;
    error?: InvocationResult["error"];
}

const worker = path.join(__dirname, "function-worker.js");

export class FunctionContainer {
    private child?: ChildProcess;
    private queue: Promise<unknown> = Promise.resolve();
    private nextId = 0;
    private stopped = false;

    constructor(
        readonly name: string,
        private readonly code: FunctionCode,
        private readonly environment: Record<string, string>,
        private readonly timeoutMs: number,
        private readonly output: (line: string) => void,
    ) {}

    /** Process id of the running container, if one runs. */
    get pid(): number | undefined {
        return this.child?.pid;
    }

    /** Queues one invocation; resolves with its outcome (never rejects). */
    invoke(event: unknown): Promise<InvocationResult> {
        const run = this.queue.then(() => this.run(event));
        this.queue = run;
        return run;
    }

    /** Kills the container and resolves once its process is gone. */
    stop(): Promise<void> {
        this.stopped = true;
        const child = this.child;
        this.child = undefined;
        if (!child || child.exitCode !== null || child.signalCode !== null) {
            return Promise.resolve();
        }
        return new Promise(resolve => {
            child.once("exit", () => resolve());
            child.kill("SIGKILL");
        });
    }

    private start(): ChildProcess {
        const child = fork(worker, [this.code.dir, this.code.entry, this.code.exportName, String(this.timeoutMs)], {
            cwd: this.code.dir,
            env: this.environment,
            execArgv: [],
            stdio: ["ignore", "pipe", "pipe", "ipc"],
        });
        const relay = (chunk: Buffer) =>
            chunk
                .toString()
                .split("\n")
                .filter(line => line.trim() !== "")
                .forEach(line => this.output(line));
        child.stdout?.on("data", relay);
        child.stderr?.on("data", relay);
        child.on("exit", () => {
            if (this.child === child) {
                this.child = undefined;
            }
        });
        return child;
    }

    private run(event: unknown): Promise<InvocationResult> {
        const requestId = randomUUID();
        const startedAt = Date.now();
        const done = (outcome: Omit<InvocationResult, "durationMs" | "requestId">): InvocationResult => ({
            ...outcome,
            durationMs: Date.now() - startedAt,
            requestId,
        });
        if (this.stopped) {
            return Promise.resolve(done({ ok: false, error: { name: "SandboxStopped", message: "the sandbox is stopping" } }));
        }
        const child = (this.child ??= this.start());
        const id = this.nextId++;
        return new Promise(resolve => {
            const finish = (outcome: Omit<InvocationResult, "durationMs" | "requestId">) => {
                clearTimeout(timer);
                child.off("message", onMessage);
                child.off("exit", onExit);
                resolve(done(outcome));
            };
            const onMessage = (reply: Reply) => {
                if (reply.id === id) {
                    finish({ ok: reply.ok, result: reply.result, error: reply.error });
                }
            };
            const onExit = (code: number | null, signal: string | null) =>
                finish({ ok: false, error: { name: "Runtime.ExitError", message: `the container exited (${signal ?? code})` } });
            const timer = setTimeout(() => {
                child.kill("SIGKILL");
                finish({
                    ok: false,
                    error: { name: "Sandbox.Timedout", message: `Task timed out after ${this.timeoutMs / 1000} seconds` },
                });
            }, this.timeoutMs);
            child.on("message", onMessage);
            child.on("exit", onExit);
            child.send({ id, event, requestId });
        });
    }
}
