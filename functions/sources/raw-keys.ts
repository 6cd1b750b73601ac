// Deterministic raw-zone keys: a run is named by its window (the scheduled time, to the minute),
// so running the same window again writes the same keys and overwrites instead of duplicating.
import type { PartitionPart } from "./source-definition";

const two = (n: number) => String(n).padStart(2, "0");

/** The window a scheduled time falls in: the time truncated to the minute, in UTC. */
export function windowOf(time: Date): string {
    if (Number.isNaN(time.getTime())) {
        throw new Error("the run's time is not a valid date");
    }
    return `${time.getUTCFullYear()}-${two(time.getUTCMonth() + 1)}-${two(time.getUTCDate())}T${two(time.getUTCHours())}${two(time.getUTCMinutes())}Z`;
}

/** `year=2026/month=12/day=01/` for the parts the source partitions by. */
export function partitionPath(time: Date, parts: PartitionPart[]): string {
    const values: Record<PartitionPart, string> = {
        year: String(time.getUTCFullYear()),
        month: two(time.getUTCMonth() + 1),
        day: two(time.getUTCDate()),
        hour: two(time.getUTCHours()),
    };
    return parts.map(part => `${part}=${values[part]}/`).join("");
}

/** Folder of one run: <prefix><partitions>window=<window>/ */
export function windowPrefix(prefix: string, time: Date, parts: PartitionPart[]): string {
    return `${prefix}${partitionPath(time, parts)}window=${windowOf(time)}/`;
}

export function pageKey(windowFolder: string, page: number): string {
    return `${windowFolder}page-${String(page).padStart(5, "0")}.jsonl`;
}

const pageNumber = /page-(\d{5})\.jsonl$/;

export function pageNumberOf(key: string): number | undefined {
    const match = pageNumber.exec(key);
    return match ? Number(match[1]) : undefined;
}
