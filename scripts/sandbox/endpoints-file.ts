// Reading `.sandbox/endpoints.json` of the running sandbox (for the put helper and the demo).
import * as fs from "fs";
import * as path from "path";
import { projectDir } from "./graph";
import type { Endpoints } from "./report";

export function sandboxDir(): string {
    return process.env.SANDBOX_DIR ?? path.join(projectDir, ".sandbox");
}

export function readEndpoints(): Endpoints {
    const file = path.join(sandboxDir(), "endpoints.json");
    if (!fs.existsSync(path.join(sandboxDir(), "sandbox.pid")) || !fs.existsSync(file)) {
        throw new Error(`no sandbox is running (no ${file}): start one with \`npm start\``);
    }
    return JSON.parse(fs.readFileSync(file, "utf8")) as Endpoints;
}
