// The records of a CSV byte stream (RFC 4180: quoted fields with commas, quotes and line breaks;
// CRLF or LF; a BOM), each with the physical line it starts on. Malformed records come out as
// problems in their place, so the caller can reject them and go on.
import { isUtf8 } from "buffer";
import { Readable, Transform, TransformCallback } from "stream";
import { parse, Parser } from "csv-parse";
import { FileRejection } from "./errors";
import { batchesOf } from "./record-batches";

export interface CsvRecord {
    line: number;
    fields: string[];
}

export interface CsvProblem {
    line: number;
    reason: string;
}

export type CsvItem = CsvRecord | CsvProblem;

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
 * Passes bytes through once they are proven UTF-8: an invalid sequence rejects the file instead of
 * loading U+FFFD. Bytes, not strings, go on to the parser, which would only encode strings again.
 * (A factory, not a subclass of Transform: Pulumi cannot serialize classes that extend built-ins.)
 */
function strictUtf8(): Transform {
    let carried: Buffer = Buffer.alloc(0);
    let offset = 0;
    return new Transform({
        transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
            const bytes = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk;
            const complete = bytes.length - incompleteTail(bytes);
            const checked = bytes.subarray(0, complete);
            carried = Buffer.from(bytes.subarray(complete));
            if (!isUtf8(checked)) {
                callback(new FileRejection(`the file is not UTF-8: invalid byte sequence within bytes ${offset + 1}-${offset + complete}`));
                return;
            }
            offset += complete;
            callback(null, checked);
        },
        flush(callback: TransformCallback) {
            callback(carried.length > 0 ? new FileRejection("the file is not UTF-8: it ends inside a multi-byte character") : null);
        },
    });
}

/** Line breaks inside a record's quoted fields (CRLF, LF or CR each count once). */
function embeddedLineBreaks(fields: string[]): number {
    let count = 0;
    for (let index = 0; index < fields.length; index++) {
        const field = fields[index];
        if (field.includes("\n") || field.includes("\r")) {
            count += field.match(/\r\n|\r|\n/g)!.length;
        }
    }
    return count;
}

interface SkippedRecord {
    /** Records the parser had emitted when it skipped this one. */
    after: number;
    reason: string;
}

/** At most this many records per batch, so that a batch stays small whatever the chunk size. */
const batchLimit = 4096;

/**
 * Parses a byte stream into batches of items, in file order: one step per batch rather than per
 * record. Empty lines come out as records with one empty field (callers skip them); they are kept
 * so that line numbers stay exact.
 */
export async function* csvBatches(body: Readable): AsyncGenerator<CsvItem[]> {
    // relax_quotes keeps a stray quote inside a field as a literal character: strict parsing would
    // lose track of where records end after one, and silently swallow the good rows that follow.
    // Every line end is accepted on every row: left to itself the parser keeps the first one it
    // sees, and a file mixing CRLF and LF rows then merges records or keeps a stray "\r".
    const parser: Parser = parse({
        bom: true,
        record_delimiter: ["\r\n", "\n", "\r"],
        encoding: "utf8",
        relax_column_count: true,
        relax_quotes: true,
        skip_records_with_error: true,
    });
    const skipped: SkippedRecord[] = [];
    parser.on("skip", (error: Error & { code?: string }) => {
        skipped.push({ after: parser.info.records, reason: `malformed CSV (${error.code ?? "error"}): ${error.message}` });
    });
    const decoder = strictUtf8();
    body.on("error", error => decoder.destroy(error));
    decoder.on("error", error => parser.destroy(error));
    body.pipe(decoder).pipe(parser);

    let line = 1;
    let emitted = 0;
    try {
        for await (const records of batchesOf<string[]>(parser, batchLimit)) {
            const items: CsvItem[] = [];
            for (let index = 0; index < records.length; index++) {
                const fields = records[index];
                while (skipped.length > 0 && skipped[0].after <= emitted) {
                    items.push({ line: line++, reason: skipped.shift()!.reason });
                }
                emitted++;
                items.push({ line, fields });
                line += 1 + embeddedLineBreaks(fields);
            }
            yield items;
        }
        if (skipped.length > 0) {
            yield skipped.map(skip => ({ line: line++, reason: skip.reason }));
        }
    } finally {
        body.unpipe(decoder);
        decoder.unpipe(parser);
        body.destroy();
        decoder.destroy();
        parser.destroy();
    }
}

/** The items of a byte stream one by one (tests, and callers that need no speed). */
export async function* csvItems(body: Readable): AsyncGenerator<CsvItem> {
    for await (const items of csvBatches(body)) {
        yield* items;
    }
}
