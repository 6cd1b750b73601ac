// The last invocations of every function (for the status page and the demo's checks).
export interface InvocationRecord {
    at: string;
    function: string;
    pipeline: string;
    /** e.g. `s3 data/x.csv`, `GET /search`, `schedule rate(5 minutes)`, `dynamodb 3 records`. */
    trigger: string;
    outcome: "ok" | "error" | "partial";
    durationMs: number;
    /** Short result or error text. */
    detail: string;
}

const kept = 200;

export class InvocationLog {
    private readonly records: InvocationRecord[] = [];

    add(record: Omit<InvocationRecord, "at">): void {
        this.records.unshift({ at: new Date().toISOString(), ...record });
        this.records.length = Math.min(this.records.length, kept);
    }

    latest(count = 50): InvocationRecord[] {
        return this.records.slice(0, count);
    }
}

/** A short, one-line rendering of a result or an error. */
export function summarize(value: unknown, max = 300): string {
    const text = typeof value === "string" ? value : (JSON.stringify(value) ?? "");
    return text.length > max ? `${text.slice(0, max)}…` : text;
}
