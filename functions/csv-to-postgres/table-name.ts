// The target table of an uploaded file: its name without folders and without ".csv".
import { identifierPattern, reservedWords } from "./identifiers";

export type TableNameResult = { ok: true; table: string; stem: string } | { ok: false; stem: string; reason: string };

/** The file name of a decoded object key, without the `.csv` extension (any case). */
export function stemOf(key: string): string {
    const file = key.slice(key.lastIndexOf("/") + 1);
    return file.replace(/\.csv$/i, "");
}

/** The table a decoded object key loads into, or the reason it cannot be one. */
export function tableNameOf(key: string): TableNameResult {
    const stem = stemOf(key);
    const table = stem.toLowerCase();
    if (!identifierPattern.test(table)) {
        return {
            ok: false,
            stem,
            reason: `file name ${JSON.stringify(stem)} is not a table name: use 1 to 63 letters, digits and underscores, starting with a letter or underscore`,
        };
    }
    if (reservedWords.includes(table)) {
        return { ok: false, stem, reason: `file name ${JSON.stringify(stem)} is a reserved SQL word; rename the file` };
    }
    if (table.startsWith("pg_")) {
        return {
            ok: false,
            stem,
            reason: `file name ${JSON.stringify(stem)} starts with pg_, which PostgreSQL reserves for system tables`,
        };
    }
    return { ok: true, table, stem };
}
