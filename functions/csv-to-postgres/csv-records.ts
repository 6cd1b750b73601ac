// The records of a CSV byte stream (RFC 4180: quoted fields with commas, quotes and line breaks;
// CRLF or LF; a BOM), each with the physical line it starts on. Malformed records come out as
// problems in their place, so the caller can reject them and go on.
import { Readable, Transform, TransformCallback } from "stream";
import { parse, Parser } from "csv-parse";
import { FileRejection } from "./errors";

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

/**
 * Decodes UTF-8 strictly: an invalid byte sequence rejects the file instead of loading U+FFFD.
 * (A factory, not a subclass of Transform: Pulumi cannot serialize classes that extend built-ins.)
 */
function strictUtf8Decoder(): Transform {
    const decoder = new TextDecoder("utf-8", { fatal: true }); // also drops a leading BOM
    let bytes = 0;
    return new Transform({
        decodeStrings: true,
        encoding: "utf8",
        transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
            try {
                const text = decoder.decode(chunk, { stream: true });
                bytes += chunk.length;
                callback(null, text);
            } catch {
                callback(
                    new FileRejection(`the file is not UTF-8: invalid byte sequence within bytes ${bytes + 1}-${bytes + chunk.length}`),
                );
            }
        },
        flush(callback: TransformCallback) {
            try {
                callback(null, decoder.decode());
            } catch {
                callback(new FileRejection("the file is not UTF-8: it ends inside a multi-byte character"));
            }
        },
    });
}

/** Line breaks inside a record's quoted fields (CRLF, LF or CR each count once). */
function embeddedLineBreaks(fields: string[]): number {
    let count = 0;
    for (const field of fields) {
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

/**
 * Parses a byte stream. Empty lines come out as records with one empty field (callers skip them);
 * they are kept so that line numbers stay exact.
 */
export async function* csvItems(body: Readable): AsyncGenerator<CsvItem> {
    // relax_quotes keeps a stray quote inside a field as a literal character: strict parsing would
    // lose track of where records end after one, and silently swallow the good rows that follow.
    const parser: Parser = parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_records_with_error: true });
    const skipped: SkippedRecord[] = [];
    parser.on("skip", (error: Error & { code?: string }) => {
        skipped.push({ after: parser.info.records, reason: `malformed CSV (${error.code ?? "error"}): ${error.message}` });
    });
    const decoder = strictUtf8Decoder();
    body.on("error", error => decoder.destroy(error));
    decoder.on("error", error => parser.destroy(error));
    body.pipe(decoder).pipe(parser);

    let line = 1;
    let emitted = 0;
    try {
        for await (const fields of parser as AsyncIterable<string[]>) {
            while (skipped.length > 0 && skipped[0].after <= emitted) {
                yield { line: line++, reason: skipped.shift()!.reason };
            }
            emitted++;
            yield { line, fields };
            line += 1 + embeddedLineBreaks(fields);
        }
        for (const skip of skipped) {
            yield { line: line++, reason: skip.reason };
        }
    } finally {
        body.unpipe(decoder);
        decoder.unpipe(parser);
        body.destroy();
        decoder.destroy();
        parser.destroy();
    }
}
