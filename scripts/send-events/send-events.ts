// npm run send-events -- <csv> [--api URL --key KEY | --sandbox] [--rate N/s] [--batch N] [--encoding auto|utf8|latin1]
// Replays an Online Retail CSV against POST /events: batches of --batch events (default 500), at
// most --rate events per second, events the API could not put on the stream (failed) resent with
// backoff; prints a progress bar and the final accepted/rejected counts. --sandbox takes the URL and
// key of the running sandbox (`npm start`). Without either the events are only validated here
// (what the API would reject, and why).
import { readFileSync } from "fs";
import { createEventValidator } from "../../functions/stream-ingest/event-schema";
import { csvEvents, Encoding } from "./csv-events";
import { drawProgress, progressLine } from "./progress";
import { sandboxEventsApi } from "./sandbox-target";

interface Options {
    file: string;
    api?: string;
    key?: string;
    ratePerSecond?: number;
    batch: number;
    encoding: Encoding | "auto";
}

function parseOptions(argv: string[]): Options {
    const [file, ...rest] = argv;
    if (file === undefined || file.startsWith("--")) {
        throw new Error(
            "usage: send-events <csv> [--api URL --key KEY | --sandbox] [--rate N/s] [--batch N] [--encoding auto|utf8|latin1]",
        );
    }
    const value = (name: string) => {
        const at = rest.indexOf(`--${name}`);
        return at >= 0 ? rest[at + 1] : undefined;
    };
    const rate = value("rate");
    const batch = Number(value("batch") ?? 500);
    const encoding = (value("encoding") ?? "auto") as Options["encoding"];
    if (!Number.isInteger(batch) || batch < 1 || batch > 500) {
        throw new Error("--batch must be an integer from 1 to 500");
    }
    if (rate !== undefined && !(Number(rate.replace(/\/s$/, "")) > 0)) {
        throw new Error("--rate must be a positive number of events per second, e.g. 200/s");
    }
    if (!["auto", "utf8", "latin1"].includes(encoding)) {
        throw new Error("--encoding must be auto, utf8 or latin1");
    }
    const ratePerSecond = rate === undefined ? undefined : Number(rate.replace(/\/s$/, ""));
    if (rest.includes("--sandbox")) {
        if (value("api") !== undefined || value("key") !== undefined) {
            throw new Error("--sandbox takes the sandbox's URL and key: leave out --api and --key");
        }
        const sandbox = sandboxEventsApi();
        return { file, api: sandbox.url, key: sandbox.key, batch, encoding, ratePerSecond };
    }
    const api = value("api") ?? process.env.EVENTS_API_URL;
    const key = value("key") ?? process.env.EVENTS_API_KEY;
    if (api !== undefined && key === undefined) {
        throw new Error("--api needs --key (or EVENTS_API_KEY)");
    }
    return { file, api, key, batch, encoding, ratePerSecond };
}

interface Answer {
    index: number;
    status: "accepted" | "rejected" | "failed";
    errors?: { field: string; reason: string }[];
    reason?: string;
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** Posts one batch; events answered `failed` (and 429/5xx answers) are resent with backoff. */
async function postBatch(options: Options, events: Record<string, unknown>[]): Promise<Answer[]> {
    const answers: Answer[] = new Array(events.length);
    let pending = events.map((_, index) => index);
    for (let attempt = 0; pending.length > 0 && attempt < 6; attempt++) {
        if (attempt > 0) {
            await sleep(Math.random() * Math.min(5000, 200 * 2 ** attempt));
        }
        const response = await fetch(`${options.api!.replace(/\/$/, "")}/events`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-api-key": options.key! },
            body: JSON.stringify({ events: pending.map(index => events[index]) }),
        });
        if (response.status === 429 || response.status >= 500) {
            if (response.status !== 503) {
                continue;
            }
        }
        const body = (await response.json()) as { results?: Answer[]; message?: string };
        if (body.results === undefined) {
            throw new Error(`the API refused the request: HTTP ${response.status} ${body.message ?? ""}`);
        }
        const retry: number[] = [];
        body.results.forEach(answer => {
            const index = pending[answer.index];
            answers[index] = { ...answer, index };
            if (answer.status === "failed") {
                retry.push(index);
            }
        });
        pending = retry;
    }
    pending.forEach(index => (answers[index] ??= { index, status: "failed", reason: "no answer after retries" }));
    return answers;
}

async function main(): Promise<void> {
    const options = parseOptions(process.argv.slice(2));
    const { events, encoding } = csvEvents(readFileSync(options.file), options.encoding);
    const validate = createEventValidator();
    const counts = { accepted: 0, rejected: 0, failed: 0 };
    const examples: string[] = [];
    const started = Date.now();
    for (let start = 0; start < events.length; start += options.batch) {
        const batch = events.slice(start, start + options.batch);
        const answers: Answer[] = options.api
            ? await postBatch(options, batch)
            : batch.map((event, index) => {
                  const checked = validate(event, "local-check");
                  return checked.ok ? { index, status: "accepted" } : { index, status: "rejected", errors: checked.errors };
              });
        for (const answer of answers) {
            counts[answer.status]++;
            if (answer.status !== "accepted" && examples.length < 10) {
                const line = start + answer.index + 2;
                const why = answer.errors?.map(error => `${error.field} ${error.reason}`).join("; ") ?? answer.reason;
                examples.push(`  line ${line}: ${answer.status}: ${why}`);
            }
        }
        const done = Math.min(start + options.batch, events.length);
        drawProgress(progressLine(done, events.length, counts.accepted, counts.rejected));
        if (options.ratePerSecond !== undefined) {
            const due = started + (done / options.ratePerSecond) * 1000;
            await sleep(Math.max(0, due - Date.now()));
        }
    }
    if (process.stderr.isTTY) {
        process.stderr.write("\n");
    }
    const mode = options.api ? `sent to ${options.api}` : "validated locally (no --api)";
    process.stdout.write(`${events.length} events from ${options.file} (${encoding}), ${mode}\n`);
    process.stdout.write(`accepted ${counts.accepted} rejected ${counts.rejected} failed ${counts.failed}\n`);
    if (examples.length > 0) {
        process.stdout.write(`first problems:\n${examples.join("\n")}\n`);
    }
    process.exitCode = counts.failed > 0 ? 1 : 0;
}

main().catch(error => {
    process.stderr.write(`send-events: ${(error as Error).message}\n`);
    process.exitCode = 2;
});
