// Every call to a dependency gets a deadline, so a dead Redis or OpenSearch costs a bounded wait
// instead of the whole Lambda timeout.

/** Whether an error is a deadline this module raised. */
export function isDeadlineExceeded(error: unknown): boolean {
    return error instanceof Error && error.name === "DeadlineExceeded";
}

/** Resolves like `work`, or rejects with a DeadlineExceeded error after `ms` milliseconds. */
export function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error(`${what} took longer than ${ms} ms`), { name: "DeadlineExceeded" })), ms);
    });
    // The losing promise may still reject later; it must not become an unhandled rejection.
    work.catch(() => undefined);
    return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
