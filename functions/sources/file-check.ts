// Checks one data file (an upload or an e-mail attachment) against its source: the format parses,
// and every record has the mapped fields marked required and values of the mapped types. Returns
// the first problems as a reason; a file is accepted or rejected whole.
import { parse } from "csv-parse/sync";

import type { FieldMapping, FieldType, FileFormat } from "./source-definition";

export type FileVerdict = { ok: true; records: number } | { ok: false; reason: string };

/** Whether a value fits a field type (strings from CSV count when they parse). */
export const valueChecks: Record<FieldType, (value: unknown) => boolean> = {
    string: value => typeof value !== "object",
    integer: value => (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^-?\d+$/.test(value.trim())),
    decimal: value =>
        (typeof value === "number" && Number.isFinite(value)) ||
        (typeof value === "string" && /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value.trim())),
    boolean: value => typeof value === "boolean" || (typeof value === "string" && /^(true|false)$/i.test(value.trim())),
    timestamp: value => (typeof value === "string" || typeof value === "number") && !Number.isNaN(new Date(value).getTime()),
};

function records(text: string, format: FileFormat): Record<string, unknown>[] | string {
    try {
        if (format === "csv") {
            return parse(text, { columns: true, skip_empty_lines: true, bom: true }) as Record<string, unknown>[];
        }
        const values: unknown[] =
            format === "jsonl"
                ? text
                      .split("\n")
                      .filter(line => line.trim() !== "")
                      .map(line => JSON.parse(line))
                : ([] as unknown[]).concat(JSON.parse(text));
        const notObject = values.findIndex(value => !value || typeof value !== "object" || Array.isArray(value));
        return notObject >= 0 ? `record ${notObject + 1} is not an object` : (values as Record<string, unknown>[]);
    } catch (error) {
        return `not valid ${format.toUpperCase()}: ${(error as Error).message.split("\n")[0]}`;
    }
}

const maxProblems = 5;

export function checkFile(text: string, format: FileFormat, mapping: Record<string, FieldMapping>): FileVerdict {
    const parsed = records(text, format);
    if (typeof parsed === "string") {
        return { ok: false, reason: parsed };
    }
    if (parsed.length === 0) {
        return { ok: false, reason: "no records" };
    }
    const problems: string[] = [];
    parsed.forEach((record, index) => {
        for (const field of Object.values(mapping)) {
            const value = record[field.from];
            const missing = value === undefined || value === null || value === "";
            if (missing ? field.required : !valueChecks[field.type](value)) {
                problems.push(
                    `record ${index + 1}: ${field.from} ${missing ? "is missing" : `is not a ${field.type} (${JSON.stringify(value).slice(0, 40)})`}`,
                );
            }
        }
    });
    if (problems.length > 0) {
        const more = problems.length > maxProblems ? ` and ${problems.length - maxProblems} more` : "";
        return { ok: false, reason: problems.slice(0, maxProblems).join("; ") + more };
    }
    return { ok: true, records: parsed.length };
}
