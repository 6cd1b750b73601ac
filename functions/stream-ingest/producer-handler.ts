// POST /events: validates each event, puts the accepted ones on the stream (partition key: the
// invoice number) and answers for every event: accepted with its id, rejected with field and
// reason, or failed when Kinesis would not take it after retries (the client may resend it).
import type { KinesisClient } from "@aws-sdk/client-kinesis";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { eventIdFor } from "./event-id";
import type { EventValidator, FieldError } from "./event-schema";
import { parseEventsRequest, RequestLimits } from "./events-request";
import { errorResponse, jsonResponse } from "../runtime/http";
import type { Log } from "../runtime/logger";
import { putAll, StreamRecord } from "./put-records";
import type { RetrySettings } from "../runtime/retry";
import { encodeEnvelope } from "./stream-envelope";

export interface ProducerDependencies {
    kinesis: KinesisClient;
    streamName: string;
    validate: EventValidator;
    log: Log;
    now?: () => Date;
}

export interface ProducerSettings {
    limits: RequestLimits;
    retry: RetrySettings;
}

export type EventAnswer =
    | { index: number; status: "accepted"; eventId: string }
    | { index: number; status: "rejected"; errors: FieldError[] }
    | { index: number; status: "failed"; eventId: string; reason: string };

export interface EventsResponse {
    accepted: number;
    rejected: number;
    failed: number;
    results: EventAnswer[];
}

/** 200 all accepted, 400 all rejected, 503 nothing accepted and something failed, 207 mixed. */
function statusOf(summary: EventsResponse): number {
    const total = summary.results.length;
    if (summary.accepted === total) {
        return 200;
    }
    if (summary.rejected === total) {
        return 400;
    }
    return summary.accepted === 0 && summary.failed > 0 ? 503 : 207;
}

export async function handleEvents(
    deps: ProducerDependencies,
    settings: ProducerSettings,
    request: Pick<APIGatewayProxyEvent, "body" | "isBase64Encoded">,
): Promise<APIGatewayProxyResult> {
    const parsed = parseEventsRequest(request, settings.limits);
    if (!parsed.ok) {
        return errorResponse(parsed.statusCode, parsed.statusCode === 413 ? "PayloadTooLarge" : "BadRequest", parsed.message);
    }
    const receivedAt = (deps.now ?? (() => new Date()))().toISOString();
    const answers: EventAnswer[] = [];
    const queued: { index: number; eventId: string }[] = [];
    const records: StreamRecord[] = [];
    parsed.events.forEach((event, index) => {
        const eventId = eventIdFor(event);
        const checked = deps.validate(event, eventId);
        if (!checked.ok) {
            answers[index] = { index, status: "rejected", errors: checked.errors };
            return;
        }
        queued.push({ index, eventId });
        records.push({ data: encodeEnvelope({ eventId, receivedAt, event }), partitionKey: checked.value.invoiceNo });
    });

    const report = records.length > 0 ? await putAll(deps.kinesis, deps.streamName, records, settings.retry) : { outcomes: [], calls: 0 };
    report.outcomes.forEach((outcome, position) => {
        const { index, eventId } = queued[position];
        answers[index] = outcome.ok
            ? { index, status: "accepted", eventId }
            : { index, status: "failed", eventId, reason: `${outcome.errorCode}: ${outcome.errorMessage}` };
    });
    const count = (status: EventAnswer["status"]) => answers.filter(answer => answer.status === status).length;
    const summary: EventsResponse = { accepted: count("accepted"), rejected: count("rejected"), failed: count("failed"), results: answers };
    if (summary.failed > 0) {
        deps.log.error("events not put on the stream after retries", { failed: summary.failed, calls: report.calls });
    }
    deps.log.info("events answered", { accepted: summary.accepted, rejected: summary.rejected, failed: summary.failed });
    return jsonResponse(statusOf(summary), summary);
}
