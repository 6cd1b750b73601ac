// StreamIngest's routes on the shared REST API builder: POST /events (body checked against an
// envelope model: one event or a batch of at most 500) and GET /customers/{customerId},
// GET /invoices/{invoiceNo}, each to its Lambda proxy.
import type { ApiRoute } from "../rest-api";
import type { IngestFunctions } from "./functions";

/** The envelope API Gateway checks before the producer runs; each event is checked by the producer. */
export function eventsRequestModel(maxEvents: number): object {
    return {
        $schema: "http://json-schema.org/draft-04/schema#",
        title: "EventsRequest",
        type: "object",
        properties: { events: { type: "array", minItems: 1, maxItems: maxEvents, items: { type: "object" } } },
    };
}

/** `formerName`: the names these methods and integrations had before the shared builder named them. */
export function ingestRoutes(name: string, functions: IngestFunctions, maxEventsPerRequest: number): ApiRoute[] {
    return [
        {
            path: "events",
            method: "POST",
            handler: functions.producer,
            bodyModel: { name: "EventsRequest", schema: eventsRequestModel(maxEventsPerRequest) },
            formerName: `${name}-api-post-events`,
        },
        { path: "customers/{customerId}", handler: functions.customerReader, formerName: `${name}-api-get-customers` },
        { path: "invoices/{invoiceNo}", handler: functions.invoiceReader, formerName: `${name}-api-get-invoices` },
    ];
}
