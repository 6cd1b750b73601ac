// What the StreamIngest component tells its functions through the environment.
import { stringVariable } from "../runtime/environment";

/** The producer puts events on the stream. */
export const producerEnvironment = {
    streamName: stringVariable("STREAM_NAME"),
};

/** The consumer writes all three tables (the keys are TableNames'). */
export const consumerEnvironment = {
    invoices: stringVariable("INVOICE_TABLE"),
    customers: stringVariable("CUSTOMER_TABLE"),
    ledger: stringVariable("LEDGER_TABLE"),
};

/** Each reader reads its one table. */
export const customerReaderEnvironment = { customers: consumerEnvironment.customers };
export const invoiceReaderEnvironment = { invoices: consumerEnvironment.invoices };
