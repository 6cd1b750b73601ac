// What one Kinesis record carries: the event exactly as the client sent it, its id and when the API
// accepted it, as one JSON line (the newline keeps the raw archive one event per line for readers).

export interface StreamEnvelope {
    eventId: string;
    /** ISO 8601 UTC time the producer accepted the event. */
    receivedAt: string;
    /** The event as received (the consumer validates it again before it writes anything). */
    event: unknown;
}

export function encodeEnvelope(envelope: StreamEnvelope): Uint8Array {
    return Buffer.from(`${JSON.stringify(envelope)}\n`, "utf8");
}

/** The envelope in a record's data, or an Error saying why the data is not one. */
export function decodeEnvelope(data: Uint8Array): StreamEnvelope | Error {
    let parsed: unknown;
    try {
        parsed = JSON.parse(Buffer.from(data).toString("utf8"));
    } catch {
        return new Error("record data is not JSON");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        return new Error("record data is not a JSON object");
    }
    const { eventId, receivedAt, event } = parsed as Record<string, unknown>;
    if (typeof eventId !== "string" || typeof receivedAt !== "string" || event === undefined) {
        return new Error("record data lacks eventId, receivedAt or event");
    }
    return { eventId, receivedAt, event };
}
