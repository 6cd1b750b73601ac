// Writes index and delete actions with the bulk API and reads every item's result by position.
// The client's bulk helper misaligns results when deletes and index actions are mixed
// (opensearch-js issue 1125), so it is not used here.
import type { Client } from "@opensearch-project/opensearch";

export type BulkAction = { kind: "index"; id: string; document: object } | { kind: "delete"; id: string };

export type BulkOutcome = { ok: true } | { ok: false; status: number; reason: string };

export interface BulkOptions {
    index: string;
    /** Deadline of each bulk request. */
    timeoutMs: number;
    /** Requests per action, the first included (items refused with 429/5xx are retried). */
    maxAttempts: number;
    /** Wait before the first retry; doubles after each. */
    backoffMs: number;
    /** Item statuses worth another attempt. Default: 429 (rejected under load), 502, 503, 504. */
    retryableStatuses?: number[];
}

interface ItemResult {
    status: number;
    result?: string;
    error?: { type?: string; reason?: string | null };
}

export const defaultRetryableStatuses = [429, 502, 503, 504];

function actionLines(action: BulkAction, index: string): object[] {
    return action.kind === "index"
        ? [{ index: { _index: index, _id: action.id } }, action.document]
        : [{ delete: { _index: index, _id: action.id } }];
}

function outcomeOf(action: BulkAction, item: ItemResult): BulkOutcome {
    // Deleting a document that is already gone is the state a delete asks for.
    const deletedAlready = action.kind === "delete" && item.status === 404 && item.result === "not_found";
    if ((item.status >= 200 && item.status < 300) || deletedAlready) {
        return { ok: true };
    }
    const reason = item.error ? `${item.error.type ?? "error"}: ${item.error.reason ?? ""}`.trim() : `status ${item.status}`;
    return { ok: false, status: item.status, reason };
}

/**
 * One outcome per action, in order. Actions on the same id keep their order: a retried action is
 * dropped when a later action on its id has succeeded, since retrying it would undo the later one.
 * Throws when OpenSearch cannot take the request at all.
 */
export async function writeBulk(client: Client, actions: BulkAction[], options: BulkOptions): Promise<BulkOutcome[]> {
    const retryable = options.retryableStatuses ?? defaultRetryableStatuses;
    const outcomes: BulkOutcome[] = actions.map(() => ({ ok: false, status: 0, reason: "not sent" }));
    let pending = actions.map((_, position) => position);
    for (let attempt = 1; pending.length > 0; attempt++) {
        const body = pending.flatMap(position => actionLines(actions[position], options.index));
        const response = await client.bulk({ body }, { requestTimeout: options.timeoutMs, maxRetries: 0 });
        const items = response.body.items;
        if (items.length !== pending.length) {
            throw new Error(`bulk answered ${items.length} items for ${pending.length} actions`);
        }
        const retry: number[] = [];
        pending.forEach((position, itemIndex) => {
            const action = actions[position];
            const item = items[itemIndex][action.kind] as ItemResult | undefined;
            if (item === undefined) {
                throw new Error(`bulk item ${itemIndex} is not the result of a ${action.kind} action`);
            }
            const outcome = outcomeOf(action, item);
            outcomes[position] = outcome;
            if (!outcome.ok && retryable.includes(outcome.status) && attempt < options.maxAttempts) {
                retry.push(position);
            }
        });
        pending = retry.filter(position => {
            const supersededBy = actions.findIndex((later, at) => at > position && later.id === actions[position].id && outcomes[at].ok);
            if (supersededBy >= 0) {
                outcomes[position] = { ok: true };
                return false;
            }
            return true;
        });
        if (pending.length > 0) {
            await new Promise(resolve => setTimeout(resolve, options.backoffMs * 2 ** (attempt - 1)));
        }
    }
    return outcomes;
}
