// CSV as RFC 4180 writes it, for reject files.

/** A CSV field: quoted only when it must be. */
export function csvField(value: string): string {
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A CSV line (CRLF-terminated, as RFC 4180 says). */
export function csvLine(fields: string[]): string {
    return `${fields.map(csvField).join(",")}\r\n`;
}
