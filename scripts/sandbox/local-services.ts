// The local services the tests use (PostgreSQL, Redis TLS + AUTH, OpenSearch, moto on 127.0.0.1),
// installed and started by the project's own scripts. Services that already run are reused and
// left running; services this start brought up are stopped again on shutdown.
import { spawn } from "child_process";
import * as path from "path";
import { loadSettings, ServiceSettings } from "../../test/support/services";
import { projectDir } from "./graph";

const scripts = path.join(projectDir, "scripts", "services");

function run(script: string, quiet: boolean): Promise<number> {
    return new Promise(resolve => {
        const child = spawn("bash", [path.join(scripts, script)], {
            cwd: projectDir,
            stdio: quiet ? "ignore" : ["ignore", "inherit", "inherit"],
        });
        child.on("exit", code => resolve(code ?? 1));
    });
}

export interface LocalServices {
    settings: ServiceSettings;
    /** True when this start brought them up (and shutdown brings them down). */
    started: boolean;
    stop(): Promise<void>;
}

export async function ensureLocalServices(log: (line: string) => void): Promise<LocalServices> {
    let started = false;
    if ((await run("status.sh", true)) !== 0) {
        log("Starting the local services (PostgreSQL, Redis, OpenSearch, moto)...");
        if ((await run("install.sh", false)) !== 0 || (await run("up.sh", false)) !== 0) {
            throw new Error("the local services could not be installed or started (see the output above)");
        }
        started = true;
    }
    return {
        settings: loadSettings(),
        started,
        async stop() {
            if (started) {
                await run("down.sh", true);
            }
        },
    };
}
