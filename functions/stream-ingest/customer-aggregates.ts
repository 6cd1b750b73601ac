// Customer aggregates, replay-safe in any order of delivery:
// - sums (total spent, lines, invoices, cancellations) change in one transaction together with a
//   ledger entry per event and per (customer, invoice), each written only if absent, so a line or
//   an invoice is counted once however often it arrives;
// - first/last invoice date and the country (of the latest line, ties broken by event id) are
//   conditional "keep the smaller/larger" updates, which give the same result in any order.
import {
    ConditionalCheckFailedException,
    DynamoDBClient,
    TransactionCanceledException,
    TransactWriteItem,
    TransactWriteItemsCommand,
    UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import type { InvoiceLine } from "./event-schema";
import { milliToDecimal } from "./money";
import { backoff, RetrySettings } from "../runtime/retry";
import { eventEntryId, invoiceEntryId, TableNames } from "./tables";

/** Lines per transaction: each needs a ledger entry, each invoice one more, plus the update (limit 100). */
export const linesPerTransaction = 45;

export interface AggregateReport {
    failed: Set<string>;
    requests: number;
}

type CustomerLine = InvoiceLine & { customerId: string };

function ledgerPut(ledger: string, id: string, customerId: string): TransactWriteItem {
    return {
        Put: {
            TableName: ledger,
            Item: { id: { S: id }, customerId: { S: customerId } },
            ConditionExpression: "attribute_not_exists(id)",
        },
    };
}

function totalsUpdate(table: string, customerId: string, lines: CustomerLine[], invoices: string[]): TransactWriteItem {
    const cancellations = invoices.filter(invoiceNo => invoiceNo.startsWith("C")).length;
    const spentMilli = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceMilli, 0);
    return {
        Update: {
            TableName: table,
            Key: { customerId: { S: customerId } },
            UpdateExpression: "ADD totalSpent :spent, lineCount :lines, invoiceCount :invoices, cancellationCount :cancellations",
            ExpressionAttributeValues: {
                ":spent": { N: milliToDecimal(spentMilli) },
                ":lines": { N: String(lines.length) },
                ":invoices": { N: String(invoices.length - cancellations) },
                ":cancellations": { N: String(cancellations) },
            },
        },
    };
}

/**
 * Adds one chunk of a customer's lines to the totals; lines and invoices already counted are left
 * out. `counted` holds the customer's invoices known to be counted (shared by its chunks).
 */
async function addToTotals(
    dynamo: DynamoDBClient,
    tables: TableNames,
    customerId: string,
    chunk: CustomerLine[],
    counted: Set<string>,
    retry: RetrySettings,
) {
    let lines = [...new Map(chunk.map(line => [line.eventId, line])).values()];
    let requests = 0;
    for (let attempt = 1; attempt <= retry.maxAttempts; attempt++) {
        const invoices = [...new Set(lines.map(line => line.invoiceNo))].filter(invoiceNo => !counted.has(invoiceNo));
        if (lines.length === 0) {
            return { ok: true, requests };
        }
        const items = [
            ...lines.map(line => ledgerPut(tables.ledger, eventEntryId(line.eventId), customerId)),
            ...invoices.map(invoiceNo => ledgerPut(tables.ledger, invoiceEntryId(customerId, invoiceNo), customerId)),
            totalsUpdate(tables.customers, customerId, lines, invoices),
        ];
        requests++;
        try {
            await dynamo.send(new TransactWriteItemsCommand({ TransactItems: items }));
            invoices.forEach(invoiceNo => counted.add(invoiceNo));
            return { ok: true, requests };
        } catch (error) {
            if (!(error instanceof TransactionCanceledException)) {
                throw error;
            }
            const reasons = error.CancellationReasons ?? [];
            const known = (position: number) => reasons[position]?.Code === "ConditionalCheckFailed";
            const onlyKnown =
                reasons.length === items.length && reasons.every(reason => ["None", "ConditionalCheckFailed"].includes(reason.Code ?? ""));
            if (onlyKnown) {
                invoices.forEach((invoiceNo, index) => known(lines.length + index) && counted.add(invoiceNo));
                lines = lines.filter((_, index) => !known(index));
                continue; // retry at once without what is already counted
            }
            await backoff(retry, attempt); // a conflict or throttling: try again later
        }
    }
    return { ok: false, requests };
}

async function keepIfBetter(dynamo: DynamoDBClient, params: ConstructorParameters<typeof UpdateItemCommand>[0]): Promise<void> {
    try {
        await dynamo.send(new UpdateItemCommand(params));
    } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) {
            throw error;
        }
    }
}

/** First and last invoice date, and the country of the latest line: order-independent by construction. */
async function updateDates(dynamo: DynamoDBClient, table: string, customerId: string, lines: CustomerLine[]): Promise<void> {
    const keyOf = (line: CustomerLine) => `${line.invoiceDate}#${line.eventId}`;
    const sorted = [...lines].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    const first = sorted[0];
    const last = sorted[sorted.length - 1];
    const Key = { customerId: { S: customerId } };
    await keepIfBetter(dynamo, {
        TableName: table,
        Key,
        UpdateExpression: "SET firstInvoiceDate = :date",
        ConditionExpression: "attribute_not_exists(firstInvoiceDate) OR firstInvoiceDate > :date",
        ExpressionAttributeValues: { ":date": { S: first.invoiceDate } },
    });
    await keepIfBetter(dynamo, {
        TableName: table,
        Key,
        UpdateExpression: "SET lastInvoiceDate = :date, country = :country, latestLine = :key",
        ConditionExpression: "attribute_not_exists(latestLine) OR latestLine < :key",
        ExpressionAttributeValues: { ":date": { S: last.invoiceDate }, ":country": { S: last.country }, ":key": { S: keyOf(last) } },
    });
}

/** Applies every line that has a customer; lines without one update no customer. */
export async function applyCustomerAggregates(
    dynamo: DynamoDBClient,
    tables: TableNames,
    lines: InvoiceLine[],
    retry: RetrySettings,
): Promise<AggregateReport> {
    const byCustomer = new Map<string, CustomerLine[]>();
    for (const line of lines) {
        if (line.customerId !== null) {
            const group = byCustomer.get(line.customerId) ?? [];
            group.push(line as CustomerLine);
            byCustomer.set(line.customerId, group);
        }
    }
    const failed = new Set<string>();
    let requests = 0;
    for (const [customerId, group] of byCustomer) {
        const counted = new Set<string>();
        for (let start = 0; start < group.length; start += linesPerTransaction) {
            const chunk = group.slice(start, start + linesPerTransaction);
            const outcome = await addToTotals(dynamo, tables, customerId, chunk, counted, retry);
            requests += outcome.requests;
            if (!outcome.ok) {
                chunk.forEach(line => failed.add(line.eventId));
            }
        }
        await updateDates(dynamo, tables.customers, customerId, group);
        requests += 2;
    }
    return { failed, requests };
}
