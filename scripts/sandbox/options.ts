// `npm start [-- <stack>] [--schedule-every <seconds>] [--port <port>]`
export interface SandboxOptions {
    stack: string;
    scheduleEverySeconds?: number;
    /** 0 picks a free port. Default 4510 (or SANDBOX_PORT). */
    port: number;
}

export const startUsage = "usage: npm start [-- <stack>] [--schedule-every <seconds>] [--port <port>]";

export function parseOptions(argv: string[]): SandboxOptions | string {
    const options: SandboxOptions = { stack: "dev", port: Number(process.env.SANDBOX_PORT ?? 4510) };
    const positional: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === "--schedule-every" || arg === "--port") {
            const value = Number(argv[++i]);
            if (!Number.isInteger(value) || value < (arg === "--port" ? 0 : 1)) {
                return `${arg} needs a whole number${arg === "--port" ? "" : " of seconds"}`;
            }
            if (arg === "--port") {
                options.port = value;
            } else {
                options.scheduleEverySeconds = value;
            }
        } else if (arg.startsWith("--")) {
            return `unknown option ${arg}`;
        } else {
            positional.push(arg);
        }
    }
    if (positional.length > 1) {
        return "give at most one stack";
    }
    options.stack = positional[0] ?? options.stack;
    return options;
}
