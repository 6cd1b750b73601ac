// What /search accepts. User text only ever reaches OpenSearch as the text of a multi_match query,
// which has no query syntax to inject into (unlike query_string).
import type { API } from "@opensearch-project/opensearch";
import { categories, Category } from "./products";
import { searchedFields } from "./product-index";
import { InvalidRequest } from "../runtime/http";

export const maxPageSize = 100;
/** OpenSearch's default index.max_result_window: from + size beyond it is refused. */
export const maxResultWindow = 10_000;
export const maxQueryLength = 200;
export const defaultPageSize = 10;

export interface SearchRequest {
    /** Free text; undefined matches everything. */
    text?: string;
    category?: Category;
    from: number;
    size: number;
}

export const searchParameters = ["q", "category", "size", "from"] as const;

/** A non-negative decimal integer written plainly ("10", not "1e1", "+10", " 10" or "10.0"). */
function plainInteger(value: string, name: string, max: number): number | InvalidRequest {
    if (!/^\d{1,6}$/.test(value) || Number(value) > max) {
        return { invalid: `${name} must be an integer from 0 to ${max}` };
    }
    return Number(value);
}

// Control characters and unpaired UTF-16 surrogates are never part of a product search.
const unacceptableText = /[\p{Cc}\p{Cs}]/u;

export function parseSearchRequest(parameters: Partial<Record<(typeof searchParameters)[number], string>>): SearchRequest | InvalidRequest {
    const text = (parameters.q ?? "").trim();
    if ([...text].length > maxQueryLength) {
        return { invalid: `q must be at most ${maxQueryLength} characters` };
    }
    if (unacceptableText.test(text)) {
        return { invalid: "q must not contain control characters or invalid Unicode" };
    }
    let category: Category | undefined;
    if (parameters.category !== undefined) {
        const wanted = parameters.category.trim().toLowerCase();
        if (!(categories as readonly string[]).includes(wanted)) {
            return { invalid: `category must be one of ${categories.join(", ")}` };
        }
        category = wanted as Category;
    }
    const size = parameters.size === undefined ? defaultPageSize : plainInteger(parameters.size, "size", maxPageSize);
    if (typeof size !== "number") {
        return size;
    }
    const from = parameters.from === undefined ? 0 : plainInteger(parameters.from, "from", maxResultWindow);
    if (typeof from !== "number") {
        return from;
    }
    if (from + size > maxResultWindow) {
        return { invalid: `from + size must be at most ${maxResultWindow}` };
    }
    return { text: text === "" || text === "*" ? undefined : text, category, from, size };
}

/** The OpenSearch request body for a validated search. */
export function searchBody(request: SearchRequest, timeoutMs: number): API.Search_RequestBody {
    const match = request.text
        ? {
              multi_match: {
                  query: request.text,
                  fields: searchedFields,
                  type: "best_fields" as const,
                  operator: "or" as const,
                  minimum_should_match: "2<75%",
              },
          }
        : { match_all: {} };
    return {
        query: { bool: { must: [match], filter: request.category ? [{ term: { category: request.category } }] : [] } },
        from: request.from,
        size: request.size,
        track_total_hits: true,
        sort: ["_score", { updatedAt: { order: "desc" } }, { id: { order: "asc" } }],
        timeout: `${timeoutMs}ms`,
    };
}
