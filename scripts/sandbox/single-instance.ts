// One sandbox per checkout: a pid file under .sandbox/ naming the running one.
import * as fs from "fs";
import * as path from "path";

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

/** Claims the lock, or returns the pid of the sandbox that holds it. */
export function claim(stateDir: string): { ok: true; release(): void } | { ok: false; pid: number } {
    fs.mkdirSync(stateDir, { recursive: true });
    const file = path.join(stateDir, "sandbox.pid");
    for (let attempt = 0; attempt < 2; attempt++) {
        try {
            fs.writeFileSync(file, String(process.pid), { flag: "wx" });
            return {
                ok: true,
                release: () => {
                    if (fs.readFileSync(file, "utf8").trim() === String(process.pid)) {
                        fs.rmSync(file, { force: true });
                    }
                },
            };
        } catch {
            const pid = Number(fs.readFileSync(file, "utf8").trim());
            if (pid > 0 && alive(pid)) {
                return { ok: false, pid };
            }
            fs.rmSync(file, { force: true }); // left by a sandbox that was killed
        }
    }
    throw new Error(`cannot claim ${file}`);
}
