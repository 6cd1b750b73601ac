// Two kinds of failure. A file that can never load as it is (bad name, not UTF-8, no rows, over a
// PostgreSQL limit, refused by a constraint, ...) is rejected with a reason and the invocation
// succeeds: retrying would fail the same way. Infrastructure failures (connection lost, resources
// exhausted, operator intervention, system errors, missing privileges) throw, so Lambda retries.

/** The file cannot be loaded as it is; `reason` tells the uploader why. */
export class FileRejection extends Error {
    constructor(reason: string) {
        super(reason);
        this.name = "FileRejection";
    }
}

/** PostgreSQL's limit on the columns of a table (dropped columns count too). */
export const maxTableColumns = 1600;

/**
 * SQLSTATE classes a file's content causes, with how the reason starts. Every other class (08
 * connection, 40 rollback, 53 resources, 55 lock not available, 57 operator intervention, 58 and XX
 * system errors, ...) is infrastructure and throws.
 */
const contentClasses: Record<string, string> = {
    "22": "the database refused a value",
    "23": "the database refused the data (a constraint)",
    "42": "the database refused a name or the object the file names",
    "54": "the file exceeds a PostgreSQL limit",
};

/** In a content class, but an infrastructure problem: the grants change, the file is fine. */
const infrastructureCodes = ["42501"]; // insufficient_privilege

/** A PostgreSQL error the file causes (retrying cannot help), as a rejection; undefined otherwise. */
export function rejectionFromDatabase(error: unknown): FileRejection | undefined {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== "string" || code.length !== 5 || infrastructureCodes.includes(code)) {
        return undefined;
    }
    const prefix = contentClasses[code.slice(0, 2)];
    return prefix === undefined ? undefined : new FileRejection(`${prefix}: ${(error as Error).message} (SQLSTATE ${code})`);
}
