// Column types: what a new column is created as (inferred from the first rows, conservatively)
// and, for every column, a check that a CSV value is accepted by PostgreSQL's input function for
// that type. Rows are checked here, before COPY, so a bad value rejects its row and never aborts
// the load. Each check accepts a subset of what PostgreSQL accepts: a value that passes always loads.

/** The types the loader creates columns with. */
export type InferredType = "bigint" | "numeric" | "boolean" | "date" | "timestamptz" | "text";

/** A column as the catalog describes it. */
export interface ColumnType {
    /** `pg_type.typname`, e.g. `int8`, `varchar`. */
    typeName: string;
    /** `pg_attribute.atttypmod`: length or precision/scale, -1 when none. */
    typeModifier: number;
}

/** Returns the value to load (possibly trimmed), or undefined when the type refuses it. */
export type ValueCheck = (value: string) => string | undefined;

const integerText = /^[+-]?\d+$/;
const decimalText = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const plainDecimalText = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const timestampText = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const uuidText = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[0-9a-f]{32})$/i;
// Arrays and strings rather than Sets and BigInt literals: Pulumi's closure serialization can
// rebuild neither.
const booleanWords = ["true", "false", "t", "f", "yes", "no", "y", "n", "on", "off", "1", "0"];
const floatWords = ["nan", "infinity", "+infinity", "-infinity", "inf", "+inf", "-inf"];
const numericWords = ["nan", "infinity", "+infinity", "-infinity"];

const integerRanges: Record<string, [string, string]> = {
    int2: ["-32768", "32767"],
    int4: ["-2147483648", "2147483647"],
    int8: ["-9223372036854775808", "9223372036854775807"],
};

const daysInMonth = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isValidDate(year: number, month: number, day: number): boolean {
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth[month - 1]) {
        return false;
    }
    if (month === 2 && day === 29) {
        return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
    }
    return true;
}

/** The digits of `text` from `start` to `end` as a number, or -1 when one is not a digit. */
function digitsAt(text: string, start: number, end: number): number {
    let value = 0;
    for (let index = start; index < end; index++) {
        const digit = text.charCodeAt(index) - 48;
        if (digit < 0 || digit > 9) {
            return -1;
        }
        value = value * 10 + digit;
    }
    return value;
}

/** `YYYY-MM-DD` that names a real day (checked by hand: this runs for every value of a date column). */
function isIsoDate(text: string): boolean {
    if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) {
        return false;
    }
    const year = digitsAt(text, 0, 4);
    const month = digitsAt(text, 5, 7);
    const day = digitsAt(text, 8, 10);
    return year >= 0 && month >= 0 && day >= 0 && isValidDate(year, month, day);
}

function integerCheck(typeName: string): ValueCheck {
    const [min, max] = integerRanges[typeName].map(bound => BigInt(bound));
    return value => {
        const text = value.trim();
        if (!integerText.test(text)) {
            return undefined;
        }
        // Up to 9 digits fits every integer type but int2; only long values need BigInt.
        if (text.length > 9 || typeName === "int2") {
            const number = BigInt(text);
            if (number < min || number > max) {
                return undefined;
            }
        }
        return text;
    };
}

/** numeric(p,s) rounds the scale and refuses more than p-s integer digits; plain numeric takes any. */
function numericCheck(typeModifier: number): ValueCheck {
    if (typeModifier < 4) {
        return value => {
            const text = value.trim();
            return decimalText.test(text) || numericWords.includes(text.toLowerCase()) ? text : undefined;
        };
    }
    const precision = ((typeModifier - 4) >> 16) & 0xffff;
    const scale = (typeModifier - 4) & 0xffff;
    return value => {
        const text = value.trim();
        if (!plainDecimalText.test(text)) {
            return undefined;
        }
        const integerDigits = text.replace(/^[+-]/, "").split(".")[0].replace(/^0+/, "").length;
        return integerDigits <= precision - scale ? text : undefined;
    };
}

function floatCheck(value: string): string | undefined {
    const text = value.trim();
    if (floatWords.includes(text.toLowerCase())) {
        return text;
    }
    return decimalText.test(text) && Number.isFinite(Number(text)) ? text : undefined;
}

function booleanCheck(value: string): string | undefined {
    if (value === "true" || value === "false") {
        return value; // the common spellings, without trimming and lower-casing
    }
    const text = value.trim();
    return booleanWords.includes(text.toLowerCase()) ? text : undefined;
}

function dateCheck(value: string): string | undefined {
    const text = value.trim();
    return isIsoDate(text) ? text : undefined;
}

/** ISO 8601 date and time, with or without an offset; a date alone is midnight. */
function timestampCheck(value: string): string | undefined {
    const text = value.trim();
    if (text.length === 10) {
        return isIsoDate(text) ? text : undefined;
    }
    const match = timestampText.exec(text);
    if (match === null || !isValidDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
        return undefined;
    }
    const [hour, minute, second] = [match[4], match[5], match[6] ?? "0"].map(Number);
    return hour <= 23 && minute <= 59 && second <= 59 ? text : undefined;
}

/** Code points, not UTF-16 units: PostgreSQL counts characters. */
function characterCount(value: string): number {
    let count = 0;
    for (const _ of value) {
        count++;
    }
    return count;
}

function lengthCheck(typeModifier: number): ValueCheck {
    if (typeModifier < 4) {
        return value => value;
    }
    const limit = typeModifier - 4;
    return value => (value.length <= limit || characterCount(value) <= limit ? value : undefined);
}

function uuidCheck(value: string): string | undefined {
    const text = value.trim();
    return uuidText.test(text) ? text : undefined;
}

function jsonCheck(value: string): string | undefined {
    try {
        JSON.parse(value);
    } catch {
        return undefined;
    }
    return value.includes("\\u0000") ? undefined : value; // jsonb refuses NUL escapes
}

/** The check for a column type, or undefined when the loader cannot check values of that type. */
export function checkFor(column: ColumnType): ValueCheck | undefined {
    switch (column.typeName) {
        case "int2":
        case "int4":
        case "int8":
            return integerCheck(column.typeName);
        case "numeric":
            return numericCheck(column.typeModifier);
        case "float4":
        case "float8":
            return floatCheck;
        case "bool":
            return booleanCheck;
        case "date":
            return dateCheck;
        case "timestamp":
        case "timestamptz":
            return timestampCheck;
        case "text":
        case "citext":
            return value => value;
        case "varchar":
        case "bpchar":
            return lengthCheck(column.typeModifier);
        case "uuid":
            return uuidCheck;
        case "json":
        case "jsonb":
            return jsonCheck;
        default:
            return undefined;
    }
}

/** The catalog name of each type the loader creates. */
export const catalogNameOf: Record<InferredType, string> = {
    bigint: "int8",
    numeric: "numeric",
    boolean: "bool",
    date: "date",
    timestamptz: "timestamptz",
    text: "text",
};

const inferenceOrder: [InferredType, (value: string) => boolean][] = [
    ["boolean", value => /^(true|false)$/i.test(value)],
    // A leading zero ("00123", a zip code) is an identifier, not a number: keep it as text.
    ["bigint", value => /^-?(0|[1-9]\d*)$/.test(value) && integerCheck("int8")(value) !== undefined],
    ["numeric", value => /^-?(0|[1-9]\d*)(\.\d+)?$/.test(value)],
    ["date", value => dateCheck(value) !== undefined],
    ["timestamptz", value => timestampCheck(value) !== undefined],
];

/**
 * The narrowest type every non-empty sample value fits, text when any value fits none or when
 * there is no value at all.
 */
export function inferType(samples: Iterable<string>): InferredType {
    const candidates = new Set(inferenceOrder.map(([type]) => type)); // built per call: serializable
    let seen = false;
    for (const value of samples) {
        if (value === "") {
            continue;
        }
        seen = true;
        for (const [type, fits] of inferenceOrder) {
            if (candidates.has(type) && !fits(value)) {
                candidates.delete(type);
            }
        }
        if (candidates.size === 0) {
            return "text";
        }
    }
    if (!seen) {
        return "text";
    }
    return inferenceOrder.map(([type]) => type).find(type => candidates.has(type)) ?? "text";
}
