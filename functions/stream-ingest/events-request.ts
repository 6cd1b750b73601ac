// The body of POST /events: one event (a JSON object) or a batch `{ "events": [...] }` of up to 500.
// Anything else is refused as a whole, before any event is looked at.
import type { APIGatewayProxyEvent } from "aws-lambda";

export interface RequestLimits {
    /** Events per request (Kinesis takes 500 per PutRecords). */
    maxEvents: number;
    /** Bytes of the decoded body. */
    maxBodyBytes: number;
}

export type ParsedRequest = { ok: true; events: unknown[] } | { ok: false; statusCode: 400 | 413; message: string };

function bodyText(event: Pick<APIGatewayProxyEvent, "body" | "isBase64Encoded">): string {
    const body = event.body ?? "";
    return event.isBase64Encoded ? Buffer.from(body, "base64").toString("utf8") : body;
}

export function parseEventsRequest(event: Pick<APIGatewayProxyEvent, "body" | "isBase64Encoded">, limits: RequestLimits): ParsedRequest {
    const text = bodyText(event);
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > limits.maxBodyBytes) {
        return { ok: false, statusCode: 413, message: `body is ${bytes} bytes; at most ${limits.maxBodyBytes} are accepted` };
    }
    let body: unknown;
    try {
        body = JSON.parse(text);
    } catch {
        return { ok: false, statusCode: 400, message: "body is not JSON" };
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
        return { ok: false, statusCode: 400, message: 'body must be one event object or {"events": [...]}' };
    }
    if (!("events" in body)) {
        return { ok: true, events: [body] };
    }
    const { events, ...rest } = body as { events: unknown };
    if (Object.keys(rest).length > 0) {
        return { ok: false, statusCode: 400, message: `unknown fields beside events: ${Object.keys(rest).join(", ")}` };
    }
    if (!Array.isArray(events) || events.length === 0) {
        return { ok: false, statusCode: 400, message: "events must be a non-empty array" };
    }
    if (events.length > limits.maxEvents) {
        return { ok: false, statusCode: 400, message: `a batch holds at most ${limits.maxEvents} events; this one has ${events.length}` };
    }
    return { ok: true, events };
}
