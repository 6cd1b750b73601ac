// Takes one local service away and gives it back at the same address (tier-3 degradation tests),
// through scripts/services/services.sh.
import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";

const script = path.resolve(__dirname, "..", "..", "scripts", "services", "services.sh");

export type StoppableService = "redis" | "opensearch" | "moto";

async function run(command: "stop" | "start" | "pause" | "resume", service: StoppableService): Promise<void> {
    await promisify(execFile)("bash", [script, command, service], { timeout: 180_000 });
}

async function around<T>(service: StoppableService, take: "stop" | "pause", give: "start" | "resume", body: () => Promise<T>): Promise<T> {
    await run(take, service);
    try {
        return await body();
    } finally {
        await run(give, service);
    }
}

/** Runs `body` with `service` stopped (connections refused), and always starts it again afterwards. */
export function whileStopped<T>(service: StoppableService, body: () => Promise<T>): Promise<T> {
    return around(service, "stop", "start", body);
}

/** Runs `body` with `service` frozen (it accepts connections and never answers), then thaws it. */
export function whilePaused<T>(service: StoppableService, body: () => Promise<T>): Promise<T> {
    return around(service, "pause", "resume", body);
}

/** The error `work` rejects with, or undefined when it resolves. */
export function failureOf(work: Promise<unknown>): Promise<Error | undefined> {
    return work.then(
        () => undefined,
        (error: Error) => error,
    );
}
