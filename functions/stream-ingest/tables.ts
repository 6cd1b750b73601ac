// The keys of the three tables the consumer writes: invoice lines, customer aggregates, and the
// ledger of what has been counted into an aggregate already (what makes replays harmless).

export const invoiceTableKeys = { partition: "invoiceNo", sort: "lineId" } as const;
export const customerTableKeys = { partition: "customerId" } as const;
export const ledgerTableKeys = { partition: "id" } as const;

export interface TableNames {
    invoices: string;
    customers: string;
    ledger: string;
}

/** Ledger id: this event's line has been added to its customer's totals. */
export function eventEntryId(eventId: string): string {
    return `event#${eventId}`;
}

/** Ledger id: this invoice has been counted for this customer. */
export function invoiceEntryId(customerId: string, invoiceNo: string): string {
    return `invoice#${customerId}#${invoiceNo}`;
}
