// An object-mode stream read in arrays: whatever it has buffered at once, up to `limit` objects.
// Iterating a stream object by object costs a promise and a generator step per object, which for
// a parser emitting a million records is a large share of the work; one step per batch is not.
import { finished, Readable } from "stream";

export async function* batchesOf<T>(stream: Readable, limit: number): AsyncGenerator<T[]> {
    let wake: () => void = () => undefined;
    const onReadable = () => wake();
    // undefined while the stream runs, null once it ended cleanly, the error when it failed.
    let outcome: Error | null | undefined;
    stream.on("readable", onReadable);
    const stopWatching = finished(stream, { writable: false }, error => {
        outcome = error ?? null;
        wake();
    });
    try {
        for (;;) {
            const batch: T[] = [];
            while (batch.length < limit && !stream.destroyed) {
                const object = stream.read() as T | null;
                if (object === null) {
                    break;
                }
                batch.push(object);
            }
            if (batch.length > 0) {
                yield batch;
            } else if (outcome === null) {
                return;
            } else if (outcome !== undefined) {
                throw outcome;
            } else {
                await new Promise<void>(resolve => (wake = resolve));
                wake = () => undefined;
            }
        }
    } finally {
        stream.off("readable", onReadable);
        stopWatching();
    }
}
