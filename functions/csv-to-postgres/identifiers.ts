// SQL identifiers that come from data (file names, CSV headers): validated against one strict
// pattern, then always quoted. No SQL is ever built by pasting data in.

/** Lower-case, at most 63 bytes (PostgreSQL's limit), letters, digits and underscores. */
export const identifierPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * PostgreSQL's reserved key words (SQL Key Words appendix, column "PostgreSQL": reserved).
 * Plain arrays, not Sets, in this folder: Pulumi's closure serialization cannot rebuild a Set.
 */
export const reservedWords: readonly string[] = (
    "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create " +
    "current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc " +
    "distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral " +
    "leading limit localtime localtimestamp not null offset on only or order placing primary references returning " +
    "select session_user some symmetric system_user table then to trailing true union unique user using variadic " +
    "when where window with"
).split(" ");

/** Double-quotes an identifier (doubling any quote), for identifiers already validated. */
export function quoteIdentifier(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
}

/** Why `name` cannot be used as a column name, or undefined when it can. */
export function columnNameProblem(name: string): string | undefined {
    if (name.length === 0) {
        return "a column name is blank";
    }
    if (!identifierPattern.test(name)) {
        return `column name ${JSON.stringify(name)} is not a lower-case identifier of letters, digits and underscores (at most 63)`;
    }
    return undefined;
}

/** Header cells as column names: trimmed and lower-cased, so `Email` and `email ` are `email`. */
export function normalizeColumnName(cell: string): string {
    return cell.trim().toLowerCase();
}
