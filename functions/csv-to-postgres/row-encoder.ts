// Checks one CSV record against the planned columns and turns it into a COPY text line, or says
// why the row is rejected.
import { copyField } from "./copy-text";
import { LoadColumn } from "./schema";

export type Encoded = { line: string } | { reason: string };

export function rowEncoder(columns: LoadColumn[], keyIndex: number | undefined): (line: number, fields: string[]) => Encoded {
    const width = columns.length;
    return (line, fields) => {
        if (fields.length !== width) {
            return { reason: `expected ${width} fields, found ${fields.length}` };
        }
        let text = `${line}`;
        for (let index = 0; index < width; index++) {
            const raw = fields[index];
            const column = columns[index];
            if (raw === "") {
                if (column.required) {
                    return { reason: index === keyIndex ? `key ${column.name} is empty` : `${column.name} is required but empty` };
                }
                text += "\t\\N";
                continue;
            }
            const value = column.check(raw);
            if (value === undefined) {
                return {
                    reason: `${column.name}: ${JSON.stringify(raw.length > 80 ? `${raw.slice(0, 80)}...` : raw)} is not a valid ${column.typeLabel}`,
                };
            }
            if (value.includes("\0")) {
                return { reason: `${column.name} contains a NUL character, which PostgreSQL cannot store` };
            }
            text += `\t${copyField(value)}`;
        }
        return { line: `${text}\n` };
    };
}
