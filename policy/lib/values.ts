// Reading resource properties safely at preview.
import { UnknownValueError } from "@pulumi/policy";

/** A value that is not known until the resource it comes from exists (e.g. a new subnet's id). */
export const unknown: unique symbol = Symbol("unknown during preview");
export type Maybe<T> = T | typeof unknown;

/**
 * Reads a property, turning "unknown at preview" into the `unknown` marker instead of letting the
 * engine downgrade the whole policy to advisory. Use it only where unknown is a legitimate answer
 * (a value wired to another resource); elsewhere let the read throw.
 */
export function knownOrUnknown<T>(read: () => T): Maybe<T> {
    try {
        return read();
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return unknown;
        }
        throw error;
    }
}

/** A property that may be a single value or a list, as a list. */
export function listOf(value: unknown): unknown[] {
    if (value === undefined || value === null) {
        return [];
    }
    return Array.isArray(value) ? value : [value];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
