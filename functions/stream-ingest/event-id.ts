// The id an accepted event is stored under. A client key (`EventId`) makes it deterministic, so a
// resent event lands on the same line; the content is part of it, so a reused key cannot make two
// different events collide. Without a key every accepted event is a new line.
import { createHash, randomUUID } from "crypto";

function canonical(value: unknown): string {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
        return JSON.stringify(value);
    }
    const entries = Object.keys(value)
        .sort()
        .map(key => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(",")}}`;
}

export function eventIdFor(event: unknown): string {
    const key = (event as { EventId?: unknown }).EventId;
    if (typeof key !== "string") {
        return randomUUID();
    }
    return createHash("sha256").update(canonical(event)).digest("hex").slice(0, 40);
}
