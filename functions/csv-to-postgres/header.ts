// The header row: column names from data, validated before anything touches the database.
import { FileRejection, maxTableColumns } from "./errors";
import { columnNameProblem, normalizeColumnName } from "./identifiers";

export interface Header {
    columns: string[];
    /** The key column and its position, absent when the file has none (rows are appended). */
    key?: { name: string; index: number };
}

/** Validates header cells and finds the key: the first of `keyColumns` the header has. */
export function parseHeader(cells: string[], keyColumns: string[]): Header {
    if (cells.length > maxTableColumns) {
        throw new FileRejection(`the header has ${cells.length} columns; a PostgreSQL table has at most ${maxTableColumns}`);
    }
    const columns = cells.map(normalizeColumnName);
    const seen = new Set<string>();
    for (const column of columns) {
        const problem = columnNameProblem(column);
        if (problem !== undefined) {
            throw new FileRejection(`bad header: ${problem}`);
        }
        if (seen.has(column)) {
            throw new FileRejection(`bad header: column ${JSON.stringify(column)} appears more than once`);
        }
        seen.add(column);
    }
    const keyName = keyColumns.map(normalizeColumnName).find(candidate => seen.has(candidate));
    return { columns, key: keyName === undefined ? undefined : { name: keyName, index: columns.indexOf(keyName) } };
}
