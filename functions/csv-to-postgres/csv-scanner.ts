// An incremental RFC 4180 reader over decoded text: comma-separated, `"` quotes, `""` for a quote
// inside quotes, quoted commas and line breaks. Each row ends at its own CRLF, LF or lone CR. A
// stray quote is kept as data: inside an unquoted field it is a literal character; after a closing
// quote that is not followed by a comma or line end, the field goes on as text with its quotes.
//
// Written for this loader because no maintained parser measured was both right and fast: csv-parse
// gets every case right at about a third of the speed; papaparse, udsv and csv-parser merge rows or
// drop data after a stray quote, and keep one line end for the whole file.
//
// Most records hold no quote: those are found with indexOf and cut with split, which keeps the
// per-character work in V8's native string code.

export interface CsvRecord {
    line: number;
    fields: string[];
}

export interface CsvProblem {
    line: number;
    reason: string;
}

export type CsvItem = CsvRecord | CsvProblem;

const comma = 44;
const quote = 34;
const lf = 10;
const cr = 13;

/** A record longer than this is taken for an unclosed quote: the rest of the file is not read. */
export const maxRecordChars = 32 * 1024 * 1024;

/** Line breaks in `text` (CRLF, LF or CR each count once). */
function lineBreaks(text: string): number {
    if (text.indexOf("\n") === -1 && text.indexOf("\r") === -1) {
        return 0;
    }
    return text.match(/\r\n|\r|\n/g)!.length;
}

/** Reads chunks of text; `push` returns the items completed so far, `end` the last ones. */
export interface CsvScanner {
    push(text: string): CsvItem[];
    end(): CsvItem[];
}

export function csvScanner(): CsvScanner {
    let pending = "";
    let line = 1;
    let stopped = false;

    /** Scans `text` from its start; returns where the first incomplete record begins. */
    function scan(text: string, final: boolean, out: CsvItem[]): number {
        const length = text.length;
        let start = 0;
        // The next LF, CR and quote at or after `start` (length when none): found once, reused.
        let nextLf = -1;
        let nextCr = -1;
        let nextQuote = -1;
        while (start < length) {
            if (nextLf < start) nextLf = indexOrLength(text, "\n", start);
            if (nextCr < start) nextCr = indexOrLength(text, "\r", start);
            if (nextQuote < start) nextQuote = indexOrLength(text, '"', start);
            const lineEnd = nextLf < nextCr ? nextLf : nextCr;
            if (nextQuote >= lineEnd) {
                // No quote before the line end (equal only when neither is in the text): the common case.
                if (!final && (lineEnd === length || (lineEnd === length - 1 && lineEnd === nextCr))) {
                    return start; // the line end is still to come, or the LF of this CR may be
                }
                out.push({ line, fields: text.slice(start, lineEnd).split(",") });
                line++;
                start = lineEnd + (nextCr === lineEnd && text.charCodeAt(lineEnd + 1) === lf ? 2 : 1);
                continue;
            }
            const next = quotedRecord(text, start, final, out);
            if (next === -1) return start;
            start = next;
        }
        return start;
    }

    /** One record with quotes, character by character; -1 when it continues past the text. */
    function quotedRecord(text: string, start: number, final: boolean, out: CsvItem[]): number {
        const length = text.length;
        const fields: string[] = [];
        const recordLine = line;
        let breaks = 0;
        let index = start;
        for (;;) {
            let value: string;
            if (text.charCodeAt(index) === quote) {
                let content = "";
                let from = index + 1;
                for (;;) {
                    const close = text.indexOf('"', from);
                    if (close === -1 || (close === length - 1 && !final)) {
                        if (!final) return -1;
                        out.push({
                            line: recordLine,
                            reason: `malformed CSV: the quote opened on line ${recordLine} is never closed; the rest of the file is not loaded`,
                        });
                        stopped = true;
                        return length;
                    }
                    content += text.slice(from, close);
                    if (text.charCodeAt(close + 1) === quote) {
                        content += '"';
                        from = close + 2;
                        continue;
                    }
                    index = close + 1;
                    break;
                }
                breaks += lineBreaks(content);
                value = content;
                const after = text.charCodeAt(index);
                if (index < length && after !== comma && after !== lf && after !== cr) {
                    // A stray quote: the field goes on as text, its quotes kept.
                    const end = unquotedEnd(text, index);
                    value = `"${content}"${text.slice(index, end)}`;
                    index = end;
                }
            } else {
                const end = unquotedEnd(text, index);
                value = text.slice(index, end);
                index = end;
            }
            fields.push(value);
            const code = text.charCodeAt(index);
            if (code === comma) {
                index++;
                if (index === length && !final) return -1;
                continue;
            }
            if (index === length && !final) return -1; // the line end is still to come
            if (code === cr && index === length - 1 && !final) return -1; // its LF may be next
            out.push({ line: recordLine, fields });
            line = recordLine + breaks + 1;
            return index >= length ? length : index + (code === cr && text.charCodeAt(index + 1) === lf ? 2 : 1);
        }
    }

    // Chunks held back while a long record is incomplete: it is scanned again from its start only
    // once the text after it has grown as long as it, so a record of n characters costs O(n).
    let waiting: string[] = [];
    let waitingLength = 0;

    function push(text: string, final: boolean): CsvItem[] {
        const out: CsvItem[] = [];
        if (stopped) return out;
        waiting.push(text);
        waitingLength += text.length;
        if (!final && pending.length > 64 * 1024 && waitingLength < pending.length) {
            return out;
        }
        const whole = pending + waiting.join("");
        waiting = [];
        waitingLength = 0;
        const consumed = scan(whole, final, out);
        pending = stopped ? "" : whole.slice(consumed);
        if (pending.length > maxRecordChars) {
            out.push({
                line,
                reason: `malformed CSV: the record on line ${line} is longer than ${maxRecordChars / 2 ** 20} MiB (is a quote never closed?); the rest of the file is not loaded`,
            });
            stopped = true;
            pending = "";
        }
        return out;
    }

    return { push: text => push(text, false), end: () => push("", true) };
}

function indexOrLength(text: string, search: string, from: number): number {
    const found = text.indexOf(search, from);
    return found === -1 ? text.length : found;
}

/** Where an unquoted field starting at `from` ends: the next comma, LF or CR, or the text's end. */
function unquotedEnd(text: string, from: number): number {
    let index = from;
    for (; index < text.length; index++) {
        const code = text.charCodeAt(index);
        if (code === comma || code === lf || code === cr) break;
    }
    return index;
}
