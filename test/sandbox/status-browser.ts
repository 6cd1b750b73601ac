// The status page in Debian's headless Chromium (playwright-core drives the system browser).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chromium, type BrowserContext } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";

const flags = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/** A browser with a fresh profile; `close()` removes the profile too. */
export async function freshBrowser(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-browser-"));
    const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args: flags });
    return {
        context,
        async close() {
            await context.close();
            fs.rmSync(profile, { recursive: true, force: true });
        },
    };
}
