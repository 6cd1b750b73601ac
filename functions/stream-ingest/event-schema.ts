// The schema of one e-commerce event (one invoice line of the Online Retail data), checked with ajv.
// Every problem is reported with its field and reason; an accepted event is normalized for storage.
import Ajv, { ErrorObject } from "ajv";
import { normalizeInvoiceDate } from "./invoice-date";
import { toMilli } from "./money";

/** An event as a client sends it: the CSV's columns, plus an optional idempotency key. */
export interface RawEvent {
    InvoiceNo: string;
    StockCode: string;
    Description?: string | null;
    Quantity: number;
    InvoiceDate: string;
    UnitPrice: number;
    CustomerID?: string | number | null;
    Country: string;
    EventId?: string;
}

/** One invoice line, as the consumer stores it. */
export interface InvoiceLine {
    eventId: string;
    invoiceNo: string;
    /** Invoice numbers starting with `C` are cancellations. */
    cancelled: boolean;
    stockCode: string;
    description: string | null;
    /** Negative for cancellations and stock adjustments, kept as sent. */
    quantity: number;
    /** `YYYY-MM-DDTHH:MM:SS`, local time of the source (no zone). */
    invoiceDate: string;
    unitPriceMilli: number;
    /** Digits only; null when the source had none (never a placeholder such as "NA"). */
    customerId: string | null;
    country: string;
}

export interface FieldError {
    field: string;
    reason: string;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Ids appear in keys and URL paths: a closed alphabet and a bounded length. */
export const invoiceNoPattern = "^[A-Z]?[0-9]{1,12}$";
export const customerIdPattern = "^[0-9]{1,12}$";
export const eventIdPattern = "^[A-Za-z0-9_-]{8,64}$";

export const eventSchema = {
    type: "object",
    additionalProperties: false,
    required: ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "Country"],
    properties: {
        InvoiceNo: { type: "string", pattern: invoiceNoPattern },
        StockCode: { type: "string", minLength: 1, maxLength: 32, pattern: "^[A-Za-z0-9][A-Za-z0-9 _.-]*$" },
        Description: { type: ["string", "null"], maxLength: 500 },
        Quantity: { type: "integer", minimum: -1000000, maximum: 1000000 },
        InvoiceDate: { type: "string", maxLength: 32, format: "invoice-date" },
        UnitPrice: { type: "number", minimum: -1000000, maximum: 1000000 },
        CustomerID: {
            anyOf: [
                { type: "string", pattern: customerIdPattern },
                { type: "integer", minimum: 1, maximum: 999999999999 },
                { type: "null" },
            ],
        },
        Country: { type: "string", minLength: 1, maxLength: 64 },
        EventId: { type: "string", pattern: eventIdPattern },
    },
} as const;

function fieldOf(error: ErrorObject): string {
    if (error.keyword === "required") {
        return String(error.params.missingProperty);
    }
    if (error.keyword === "additionalProperties") {
        return String(error.params.additionalProperty);
    }
    const field = error.instancePath.split("/")[1];
    return field === undefined || field === "" ? "(event)" : field;
}

function reasonOf(error: ErrorObject): string {
    switch (error.keyword) {
        case "required":
            return "is required";
        case "additionalProperties":
            return "is not a known field";
        case "format":
            return "must be a date and time as M/D/YYYY H:MM or YYYY-MM-DDTHH:MM[:SS]";
        case "anyOf":
            return "must be digits, a positive integer or null";
        default:
            return error.message ?? error.keyword;
    }
}

/** One error per field (the first ajv found), in a stable order. */
function fieldErrors(errors: ErrorObject[]): FieldError[] {
    const byField = new Map<string, string>();
    for (const error of errors) {
        const field = fieldOf(error);
        const nested = error.keyword !== "anyOf" && error.schemaPath.includes("/anyOf/");
        if (!byField.has(field) && !nested) {
            byField.set(field, reasonOf(error));
        }
    }
    return [...byField].map(([field, reason]) => ({ field, reason })).sort((a, b) => a.field.localeCompare(b.field));
}

export type EventValidator = (candidate: unknown, eventId: string) => Validation<InvoiceLine>;

/**
 * Compiles the schema (call once per container: ajv generates code). The validator checks an event
 * and returns its normalized line, stored under `eventId` (see event-id.ts).
 */
export function createEventValidator(): EventValidator {
    const ajv = new Ajv({ allErrors: true, strict: true });
    ajv.addFormat("invoice-date", { type: "string", validate: (text: string) => normalizeInvoiceDate(text) !== undefined });
    const validate = ajv.compile<RawEvent>(eventSchema);
    return (candidate, eventId) => {
        if (!validate(candidate)) {
            return { ok: false, errors: fieldErrors(validate.errors ?? []) };
        }
        const unitPriceMilli = toMilli(candidate.UnitPrice);
        if (unitPriceMilli === undefined) {
            return { ok: false, errors: [{ field: "UnitPrice", reason: "must have at most 3 decimals" }] };
        }
        const customer = candidate.CustomerID;
        return {
            ok: true,
            value: {
                eventId,
                invoiceNo: candidate.InvoiceNo,
                cancelled: candidate.InvoiceNo.startsWith("C"),
                stockCode: candidate.StockCode,
                description: candidate.Description ?? null,
                quantity: candidate.Quantity,
                invoiceDate: normalizeInvoiceDate(candidate.InvoiceDate) as string,
                unitPriceMilli,
                customerId: customer === null || customer === undefined ? null : String(customer),
                country: candidate.Country,
            },
        };
    };
}
