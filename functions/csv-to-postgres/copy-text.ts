// Rows in PostgreSQL's COPY text format: tab-separated, \N for NULL, backslash escapes.

const needsEscape = /[\\\t\n\r]/;

/** One field of a COPY text line; an empty CSV field is NULL. */
export function copyField(value: string | undefined): string {
    if (value === undefined || value === "") {
        return "\\N";
    }
    if (!needsEscape.test(value)) {
        return value;
    }
    return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** A CSV field as RFC 4180 writes it: quoted only when it must be. */
export function csvField(value: string): string {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV line (CRLF-terminated, as RFC 4180 says). */
export function csvLine(fields: string[]): string {
    return `${fields.map(csvField).join(",")}\r\n`;
}
