// Two kinds of failure. A file that can never load (bad name, not UTF-8, no rows, ...) is
// rejected with a reason and the invocation succeeds: retrying would fail the same way. Anything
// else (database down, S3 unreachable) throws, so Lambda retries and then keeps the event.

/** The file cannot be loaded as it is; `reason` tells the uploader why. */
export class FileRejection extends Error {
    constructor(reason: string) {
        super(reason);
        this.name = "FileRejection";
    }
}

/** SQLSTATE classes caused by the data itself: 22 data exception, 23 integrity constraint violation. */
const dataErrorClasses = ["22", "23"];

/** A PostgreSQL error the file causes (retrying cannot help), as a rejection; undefined otherwise. */
export function rejectionFromDatabase(error: unknown): FileRejection | undefined {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code === "string" && code.length === 5 && dataErrorClasses.includes(code.slice(0, 2))) {
        return new FileRejection(`the database refused the data: ${(error as Error).message} (SQLSTATE ${code})`);
    }
    return undefined;
}
