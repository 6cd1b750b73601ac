// Takes one local service away and gives it back at the same address (tier-3 degradation tests).
import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";

const script = path.resolve(__dirname, "..", "..", "scripts", "services", "services.sh");

export type StoppableService = "redis" | "opensearch" | "moto";

async function run(command: "stop" | "start", service: StoppableService): Promise<void> {
    await promisify(execFile)("bash", [script, command, service], { timeout: 180_000 });
}

export function stopService(service: StoppableService): Promise<void> {
    return run("stop", service);
}

export function startService(service: StoppableService): Promise<void> {
    return run("start", service);
}

/** Runs `body` with `service` stopped, and always starts it again afterwards. */
export async function whileStopped<T>(service: StoppableService, body: () => Promise<T>): Promise<T> {
    await stopService(service);
    try {
        return await body();
    } finally {
        await startService(service);
    }
}

/** Runs `body` with `service` frozen (it accepts connections and never answers), then thaws it. */
export async function whilePaused<T>(service: StoppableService, body: () => Promise<T>): Promise<T> {
    await promisify(execFile)("bash", [script, "pause", service], { timeout: 30_000 });
    try {
        return await body();
    } finally {
        await promisify(execFile)("bash", [script, "resume", service], { timeout: 30_000 });
    }
}
