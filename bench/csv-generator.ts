// Deterministic CSV files for the benchmark: a customers-like table of six typed columns.

export const benchHeader = "id,email,name,balance,joined,active\n";

/** Roughly `bytes` of CSV (header included), in chunks of about 64 KiB. */
export function* csvChunks(bytes: number): Generator<string> {
    yield benchHeader;
    let written = benchHeader.length;
    let chunk = "";
    for (let id = 1; written < bytes; id++) {
        const row = `${id},user${id}@example.com,Customer ${id % 9973},${id % 100000}.${id % 100},2024-${String((id % 12) + 1).padStart(2, "0")}-${String((id % 28) + 1).padStart(2, "0")},${id % 3 === 0}\n`;
        chunk += row;
        written += row.length;
        if (chunk.length >= 1 << 16) {
            yield chunk;
            chunk = "";
        }
    }
    if (chunk.length > 0) {
        yield chunk;
    }
}

/** Exactly `rows` data rows. */
export function* csvRows(rows: number): Generator<string> {
    yield benchHeader;
    let chunk = "";
    for (let id = 1; id <= rows; id++) {
        chunk += `${id},user${id}@example.com,Customer ${id % 9973},${id % 100000}.${id % 100},2024-${String((id % 12) + 1).padStart(2, "0")}-${String((id % 28) + 1).padStart(2, "0")},${id % 3 === 0}\n`;
        if (chunk.length >= 1 << 16) {
            yield chunk;
            chunk = "";
        }
    }
    if (chunk.length > 0) {
        yield chunk;
    }
}

/** The table a plain COPY loads the same file into: the types the function infers. */
export const plainTableColumns = "id bigint, email text, name text, balance numeric, joined date, active boolean";
