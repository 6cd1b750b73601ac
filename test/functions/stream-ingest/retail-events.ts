// A small Online Retail sample with the real data's quirks, and the customer aggregates it must
// produce, computed here independently of the consumer (a plain fold over the events).

export const retailEvents: Record<string, unknown>[] = [
    {
        InvoiceNo: "536365",
        StockCode: "85123A",
        Description: "WHITE HANGING HEART T-LIGHT HOLDER",
        Quantity: 6,
        InvoiceDate: "12/1/2010 8:26",
        UnitPrice: 2.55,
        CustomerID: 17850,
        Country: "United Kingdom",
        EventId: "row-000001",
    },
    {
        InvoiceNo: "536365",
        StockCode: "71053",
        Description: "WHITE METAL LANTERN",
        Quantity: 6,
        InvoiceDate: "12/1/2010 8:26",
        UnitPrice: 3.39,
        CustomerID: 17850,
        Country: "United Kingdom",
        EventId: "row-000002",
    },
    // The same stock code twice on one invoice: two lines.
    {
        InvoiceNo: "536365",
        StockCode: "85123A",
        Description: "WHITE HANGING HEART T-LIGHT HOLDER",
        Quantity: 2,
        InvoiceDate: "12/1/2010 8:26",
        UnitPrice: 2.55,
        CustomerID: 17850,
        Country: "United Kingdom",
        EventId: "row-000003",
    },
    {
        InvoiceNo: "536370",
        StockCode: "22728",
        Description: "ALARM CLOCK BAKELIKE PINK",
        Quantity: 24,
        InvoiceDate: "12/1/2010 8:45",
        UnitPrice: 3.75,
        CustomerID: "12583",
        Country: "France",
        EventId: "row-000004",
    },
    {
        InvoiceNo: "536371",
        StockCode: "22086",
        Description: "PAPER CHAIN KIT 50'S CHRISTMAS ",
        Quantity: 80,
        InvoiceDate: "12/1/2010 9:00",
        UnitPrice: 2.55,
        CustomerID: 13047,
        Country: "United Kingdom",
        EventId: "row-000005",
    },
    // A cancellation: C prefix, negative quantity.
    {
        InvoiceNo: "C536379",
        StockCode: "D",
        Description: "Discount",
        Quantity: -1,
        InvoiceDate: "12/1/2010 9:41",
        UnitPrice: 27.5,
        CustomerID: 14527,
        Country: "United Kingdom",
        EventId: "row-000006",
    },
    {
        InvoiceNo: "536380",
        StockCode: "22961",
        Description: "JAM MAKING SET PRINTED",
        Quantity: 24,
        InvoiceDate: "12/1/2010 9:41",
        UnitPrice: 1.45,
        CustomerID: 14527,
        Country: "United Kingdom",
        EventId: "row-000007",
    },
    // No customer id, non-ASCII description.
    {
        InvoiceNo: "536414",
        StockCode: "22139",
        Description: "RETROSPOT TEA SET CERAMIC 11 PC – café",
        Quantity: 56,
        InvoiceDate: "12/1/2010 11:52",
        UnitPrice: 0,
        CustomerID: null,
        Country: "United Kingdom",
        EventId: "row-000008",
    },
    // A negative quantity without a C prefix (stock adjustment) and no customer.
    {
        InvoiceNo: "536589",
        StockCode: "21777",
        Description: null,
        Quantity: -10,
        InvoiceDate: "12/1/2010 16:50",
        UnitPrice: 0,
        Country: "United Kingdom",
        EventId: "row-000009",
    },
    {
        InvoiceNo: "C536391",
        StockCode: "22556",
        Description: "PLASTERS IN TIN CIRCUS PARADE ",
        Quantity: -12,
        InvoiceDate: "12/1/2010 10:24",
        UnitPrice: 1.65,
        CustomerID: 17850,
        Country: "United Kingdom",
        EventId: "row-000010",
    },
    {
        InvoiceNo: "536520",
        StockCode: "21123",
        Description: "SET/10 IVORY POLKADOT PARTY CANDLES",
        Quantity: 1,
        InvoiceDate: "12/1/2010 12:43",
        UnitPrice: 1.25,
        CustomerID: 14729,
        Country: "United Kingdom",
        EventId: "row-000011",
    },
    {
        InvoiceNo: "581587",
        StockCode: "POST",
        Description: "POSTAGE",
        Quantity: 1,
        InvoiceDate: "12/9/2011 12:50",
        UnitPrice: 18,
        CustomerID: 12583,
        Country: "Germany",
        EventId: "row-000012",
    },
];

export interface ExpectedCustomer {
    customerId: string;
    totalSpent: number;
    lineCount: number;
    invoiceCount: number;
    cancellationCount: number;
    firstInvoiceDate: string;
    lastInvoiceDate: string;
    country: string;
}

function isoDate(text: string): string {
    const [date, time] = text.split(" ");
    const [month, day, year] = date.split("/");
    const [hour, minute] = time.split(":");
    return `${year}-${month.padStart(2, "0")}-${day.padStart(2, "0")}T${hour.padStart(2, "0")}:${minute}:00`;
}

/** What the customer table must hold after `events` were applied once each, in any order. */
export function expectedCustomers(events: Record<string, unknown>[]): ExpectedCustomer[] {
    const byCustomer = new Map<string, Record<string, unknown>[]>();
    for (const event of events) {
        if (event.CustomerID !== null && event.CustomerID !== undefined) {
            const id = String(event.CustomerID);
            byCustomer.set(id, [...(byCustomer.get(id) ?? []), event]);
        }
    }
    return [...byCustomer].map(([customerId, lines]) => {
        const invoices = new Set(lines.map(line => String(line.InvoiceNo)));
        const dated = lines
            .map(line => ({ date: isoDate(String(line.InvoiceDate)), country: String(line.Country) }))
            .sort((a, b) => a.date.localeCompare(b.date));
        const milli = lines.reduce((sum, line) => sum + Number(line.Quantity) * Math.round(Number(line.UnitPrice) * 1000), 0);
        return {
            customerId,
            totalSpent: milli / 1000,
            lineCount: lines.length,
            invoiceCount: [...invoices].filter(no => !no.startsWith("C")).length,
            cancellationCount: [...invoices].filter(no => no.startsWith("C")).length,
            firstInvoiceDate: dated[0].date,
            lastInvoiceDate: dated[dated.length - 1].date,
            country: dated[dated.length - 1].country,
        };
    });
}
