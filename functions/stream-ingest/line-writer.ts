// Invoice lines as DynamoDB items, written with BatchWriteItem: 25 puts per call, one put per key
// per call, UnprocessedItems re-sent with backoff. A line's item depends only on its event, so
// writing it again (a replay) changes nothing.
import { AttributeValue, BatchWriteItemCommand, DynamoDBClient, WriteRequest } from "@aws-sdk/client-dynamodb";
import type { InvoiceLine } from "./event-schema";
import { milliToDecimal } from "./money";
import { backoff, RetrySettings } from "../runtime/retry";

export const batchWriteLimit = 25;

export function lineItem(line: InvoiceLine): Record<string, AttributeValue> {
    const item: Record<string, AttributeValue> = {
        invoiceNo: { S: line.invoiceNo },
        lineId: { S: line.eventId },
        cancelled: { BOOL: line.cancelled },
        stockCode: { S: line.stockCode },
        description: line.description === null ? { NULL: true } : { S: line.description },
        quantity: { N: String(line.quantity) },
        unitPrice: { N: milliToDecimal(line.unitPriceMilli) },
        amount: { N: milliToDecimal(line.quantity * line.unitPriceMilli) },
        invoiceDate: { S: line.invoiceDate },
        country: { S: line.country },
    };
    if (line.customerId !== null) {
        item.customerId = { S: line.customerId };
    }
    return item;
}

export interface WriteReport {
    /** Event ids whose line could not be written after retries. */
    failed: Set<string>;
    /** DynamoDB write requests made. */
    requests: number;
}

export async function writeLines(dynamo: DynamoDBClient, table: string, lines: InvoiceLine[], retry: RetrySettings): Promise<WriteReport> {
    // One put per key: the same event delivered twice in a batch is the same item.
    const byKey = new Map<string, InvoiceLine>();
    lines.forEach(line => byKey.set(`${line.invoiceNo}\u0000${line.eventId}`, line));
    const unique = [...byKey.values()];
    const failed = new Set<string>();
    let requests = 0;
    for (let start = 0; start < unique.length; start += batchWriteLimit) {
        const chunk = unique.slice(start, start + batchWriteLimit);
        let pending: WriteRequest[] = chunk.map(line => ({ PutRequest: { Item: lineItem(line) } }));
        for (let attempt = 1; pending.length > 0 && attempt <= retry.maxAttempts; attempt++) {
            if (attempt > 1) {
                await backoff(retry, attempt - 1);
            }
            requests++;
            const response = await dynamo.send(new BatchWriteItemCommand({ RequestItems: { [table]: pending } }));
            pending = response.UnprocessedItems?.[table] ?? [];
        }
        pending.forEach(request => failed.add(request.PutRequest?.Item?.lineId?.S ?? ""));
    }
    return { failed, requests };
}
