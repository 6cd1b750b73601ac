// Telling "the dependency is down or overloaded" apart from "this request is wrong". Errors are
// recognised by name and shape, not by class, so that any copy of a client library is understood.
import { isDeadlineExceeded } from "./deadline";

interface ResponseErrorShape {
    name: "ResponseError";
    meta: { statusCode?: number; body?: { error?: { type?: string; reason?: string } | string } };
}

function isResponseError(error: unknown): error is ResponseErrorShape {
    return error instanceof Error && error.name === "ResponseError" && typeof (error as Partial<ResponseErrorShape>).meta === "object";
}

/** OpenSearch's error type of a failed response (e.g. `index_not_found_exception`). */
export function openSearchErrorType(error: unknown): string | undefined {
    if (!isResponseError(error)) {
        return undefined;
    }
    const body = error.meta.body?.error;
    return typeof body === "object" ? body.type : undefined;
}

export function isOpenSearchError(error: unknown, type: string): boolean {
    return openSearchErrorType(error) === type;
}

const unreachableErrorNames = ["ConnectionError", "TimeoutError", "NoLivingConnectionsError", "RequestAbortedError"];
const overloadedStatuses = [429, 502, 503, 504];

/** OpenSearch did not answer, timed out, or answered that it cannot serve now. */
export function isOpenSearchUnavailable(error: unknown): boolean {
    if (isDeadlineExceeded(error)) {
        return true;
    }
    if (error instanceof Error && unreachableErrorNames.includes(error.name)) {
        return true;
    }
    return isResponseError(error) && overloadedStatuses.includes(error.meta.statusCode ?? 0);
}

/** A short, client-safe description of a dependency failure (never a stack or a host name). */
export function failureReason(error: unknown): string {
    if (isDeadlineExceeded(error) || (error instanceof Error && error.name === "TimeoutError")) {
        return "timeout";
    }
    if (isResponseError(error)) {
        return `status ${error.meta.statusCode ?? "unknown"}`;
    }
    return "unreachable";
}
