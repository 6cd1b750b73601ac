// One HTTP request to a source's API with a timeout, retried with exponential backoff and jitter on
// 429 (honouring Retry-After), 5xx, timeouts and connection errors. Other 4xx are not retried: the
// request itself is wrong. Giving up throws, so the async invocation fails and the alarm fires.
import type { RetryPolicy } from "./source-definition";

export interface HttpDeps {
    fetch: typeof fetch;
    sleep: (ms: number) => Promise<void>;
    /** 0..1, for jitter. */
    random: () => number;
}

/** A request that failed for good. A plain Error with a name (not a subclass: Pulumi's closure
 * serialization loses the message of a class extending a built-in, and this runs serialized). */
export type SourceRequestError = Error & { name: "SourceRequestError"; status: number | undefined; attempts: number };

export function sourceRequestError(message: string, status: number | undefined, attempts: number): SourceRequestError {
    return Object.assign(new Error(message), { name: "SourceRequestError" as const, status, attempts });
}

export function isSourceRequestError(error: unknown): error is SourceRequestError {
    return error instanceof Error && error.name === "SourceRequestError";
}

export interface RequestSpec {
    url: string;
    method: "GET" | "POST";
    headers: Record<string, string>;
    body?: string;
    timeoutSeconds: number;
    retries: RetryPolicy;
}

export interface JsonResponse {
    body: unknown;
    attempts: number;
}

function retryable(status: number): boolean {
    return status === 429 || status >= 500;
}

/** Delay before attempt `attempt + 1`: Retry-After when the server gave one, else capped full-jitter backoff. */
export function backoffMs(policy: RetryPolicy, attempt: number, random: number, retryAfter?: string | null): number {
    const seconds = retryAfter ? Number(retryAfter) : NaN;
    if (Number.isFinite(seconds) && seconds >= 0) {
        return Math.min(policy.maxDelayMs, seconds * 1000);
    }
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

const excerpt = (text: string) => text.slice(0, 200).replace(/\s+/g, " ");

export async function requestJson(deps: HttpDeps, spec: RequestSpec): Promise<JsonResponse> {
    const { maxAttempts } = spec.retries;
    let lastProblem = "";
    let lastStatus: number | undefined;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        let retryAfter: string | null = null;
        try {
            const response = await deps.fetch(spec.url, {
                method: spec.method,
                headers: spec.headers,
                body: spec.body,
                signal: AbortSignal.timeout(spec.timeoutSeconds * 1000),
            });
            const text = await response.text();
            lastStatus = response.status;
            if (response.ok) {
                try {
                    return { body: JSON.parse(text), attempts: attempt };
                } catch {
                    throw sourceRequestError(
                        `${spec.method} ${spec.url}: the response is not JSON (${excerpt(text)})`,
                        response.status,
                        attempt,
                    );
                }
            }
            if (!retryable(response.status)) {
                throw sourceRequestError(
                    `${spec.method} ${spec.url}: HTTP ${response.status} (${excerpt(text)})`,
                    response.status,
                    attempt,
                );
            }
            lastProblem = `HTTP ${response.status}`;
            retryAfter = response.headers.get("retry-after");
        } catch (error) {
            if (isSourceRequestError(error)) {
                throw error;
            }
            const name = (error as Error).name;
            lastProblem = name === "TimeoutError" ? `no response within ${spec.timeoutSeconds}s` : `${name}: ${(error as Error).message}`;
            lastStatus = undefined;
        }
        if (attempt < maxAttempts) {
            await deps.sleep(backoffMs(spec.retries, attempt, deps.random(), retryAfter));
        }
    }
    throw sourceRequestError(
        `${spec.method} ${spec.url}: gave up after ${maxAttempts} attempts (last: ${lastProblem})`,
        lastStatus,
        maxAttempts,
    );
}
