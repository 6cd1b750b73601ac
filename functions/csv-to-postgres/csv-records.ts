// The records of a CSV byte stream, each with the physical line it starts on: bytes proven UTF-8,
// decoded, a leading BOM dropped, then read by the scanner (csv-scanner.ts). Malformed records come
// out as problems in their place, so the caller can reject them and go on.
import { isUtf8 } from "buffer";
import { Readable } from "stream";
import { CsvItem, CsvProblem, csvScanner } from "./csv-scanner";
import { FileRejection } from "./errors";

export type { CsvItem, CsvProblem, CsvRecord } from "./csv-scanner";

export function isProblem(item: CsvItem): item is CsvProblem {
    return "reason" in item;
}

/** How many bytes at the end of `chunk` start a character that continues in the next chunk. */
function incompleteTail(chunk: Buffer): number {
    for (let back = 1; back <= Math.min(3, chunk.length); back++) {
        const byte = chunk[chunk.length - back];
        if ((byte & 0xc0) !== 0x80) {
            // A lead byte: 110xxxxx needs 2 bytes, 1110xxxx 3, 11110xxx 4; ASCII needs 1.
            const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
            return needed > back ? back : 0;
        }
    }
    return 0;
}

/**
 * The text of a byte stream, in chunks of whole characters, once proven UTF-8: an invalid sequence
 * rejects the file instead of loading U+FFFD.
 */
async function* utf8Text(body: Readable): AsyncGenerator<string> {
    let carried: Buffer = Buffer.alloc(0);
    let offset = 0;
    for await (const chunk of body as AsyncIterable<Buffer>) {
        const bytes = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk;
        const complete = bytes.length - incompleteTail(bytes);
        const checked = bytes.subarray(0, complete);
        carried = Buffer.from(bytes.subarray(complete));
        if (!isUtf8(checked)) {
            throw new FileRejection(`the file is not UTF-8: invalid byte sequence within bytes ${offset + 1}-${offset + complete}`);
        }
        offset += complete;
        yield checked.toString("utf8");
    }
    if (carried.length > 0) {
        throw new FileRejection("the file is not UTF-8: it ends inside a multi-byte character");
    }
}

/**
 * Parses a byte stream into batches of items, in file order (one batch per chunk read): one step
 * per batch rather than per record. Empty lines come out as records with one empty field (callers
 * skip them); they are kept so that line numbers stay exact.
 */
export async function* csvBatches(body: Readable): AsyncGenerator<CsvItem[]> {
    const scanner = csvScanner();
    let first = true;
    try {
        for await (let text of utf8Text(body)) {
            if (first && text.length > 0) {
                first = false;
                if (text.charCodeAt(0) === 0xfeff) {
                    text = text.slice(1);
                }
            }
            const items = scanner.push(text);
            if (items.length > 0) {
                yield items;
            }
        }
        const last = scanner.end();
        if (last.length > 0) {
            yield last;
        }
    } finally {
        body.destroy();
    }
}

/** The items of a byte stream one by one (tests, and callers that need no speed). */
export async function* csvItems(body: Readable): AsyncGenerator<CsvItem> {
    for await (const items of csvBatches(body)) {
        yield* items;
    }
}
