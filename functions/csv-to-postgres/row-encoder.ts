// Checks one CSV record against the planned columns and turns it into a COPY text line, or says
// why the row is rejected. This runs for every row: it avoids allocations it can.
import { LoadColumn } from "./schema";

export type Encoded = { line: string } | { reason: string };

/** Characters COPY's text format must escape, and NUL, which PostgreSQL cannot store. */
const special = /[\\\t\n\r\0]/;

function escaped(value: string): string {
    return value.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

function shown(raw: string): string {
    return JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}...` : raw);
}

/**
 * An encoder for rows of `columns`. With `withLine`, each COPY line starts with the record's line
 * number (the staging table orders duplicates by it).
 */
export function rowEncoder(
    columns: LoadColumn[],
    keyIndex: number | undefined,
    withLine: boolean,
): (line: number, fields: string[]) => Encoded {
    const width = columns.length;
    return (line, fields) => {
        if (fields.length !== width) {
            return { reason: `expected ${width} fields, found ${fields.length}` };
        }
        let text = withLine ? `${line}\t` : "";
        for (let index = 0; index < width; index++) {
            const raw = fields[index];
            const column = columns[index];
            let value: string | undefined;
            if (raw === "") {
                if (column.required) {
                    return { reason: index === keyIndex ? `key ${column.name} is empty` : `${column.name} is required but empty` };
                }
                value = "\\N"; // an empty field is NULL
            } else {
                value = column.check(raw);
                if (value === undefined) {
                    return { reason: `${column.name}: ${shown(raw)} is not a valid ${column.typeLabel}` };
                }
                if (special.test(value)) {
                    if (value.includes("\0")) {
                        return { reason: `${column.name} contains a NUL character, which PostgreSQL cannot store` };
                    }
                    value = escaped(value);
                }
            }
            text += index === 0 ? value : `\t${value}`;
        }
        return { line: `${text}\n` };
    };
}
