// Rows of an Online Retail CSV (InvoiceNo, StockCode, Description, Quantity, InvoiceDate,
// UnitPrice, CustomerID, Country) as POST /events bodies. The Kaggle export is Latin-1; UTF-8 is
// read too. Values are passed on as found (a bad quantity stays bad, so the API says why); only
// the CSV's own conventions are undone: empty means absent, "17850.0" is customer 17850.
import { createHash } from "crypto";
import { parse } from "csv-parse/sync";

export const retailColumns = [
    "InvoiceNo",
    "StockCode",
    "Description",
    "Quantity",
    "InvoiceDate",
    "UnitPrice",
    "CustomerID",
    "Country",
] as const;
export type Encoding = "utf8" | "latin1";

/** UTF-8 when the bytes are valid UTF-8 (a BOM is dropped), Latin-1 otherwise. */
export function detectEncoding(bytes: Buffer): Encoding {
    try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes);
        return "utf8";
    } catch {
        return "latin1";
    }
}

export function decodeCsv(bytes: Buffer, encoding: Encoding | "auto" = "auto"): { text: string; encoding: Encoding } {
    const chosen = encoding === "auto" ? detectEncoding(bytes) : encoding;
    const text = bytes.toString(chosen);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, encoding: chosen };
}

function numberOrText(value: string): number | string {
    const parsed = Number(value);
    return value.trim() !== "" && Number.isFinite(parsed) ? parsed : value;
}

function customerId(value: string): string | number | null {
    const trimmed = value.trim();
    if (trimmed === "") {
        return null;
    }
    const whole = /^(\d+)\.0+$/.exec(trimmed);
    return whole ? whole[1] : trimmed;
}

export interface CsvEvents {
    events: Record<string, unknown>[];
    encoding: Encoding;
}

/**
 * The events of a CSV file, each with an EventId derived from the file's content and the row, so
 * that sending the same file twice lands on the same invoice lines.
 */
export function csvEvents(bytes: Buffer, encoding: Encoding | "auto" = "auto"): CsvEvents {
    const decoded = decodeCsv(bytes, encoding);
    const rows = parse(decoded.text, { columns: true, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
    const missing = retailColumns.filter(column => rows.length > 0 && !(column in rows[0]));
    if (missing.length > 0) {
        throw new Error(`the CSV lacks the columns ${missing.join(", ")}`);
    }
    const fileTag = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
    const events = rows.map((row, index) => ({
        InvoiceNo: row.InvoiceNo.trim(),
        StockCode: row.StockCode.trim(),
        Description: row.Description === "" ? null : row.Description,
        Quantity: numberOrText(row.Quantity),
        InvoiceDate: row.InvoiceDate.trim(),
        UnitPrice: numberOrText(row.UnitPrice),
        CustomerID: customerId(row.CustomerID),
        Country: row.Country,
        EventId: `${fileTag}-${index + 2}`, // the CSV line number (the header is line 1)
    }));
    return { events, encoding: decoded.encoding };
}
