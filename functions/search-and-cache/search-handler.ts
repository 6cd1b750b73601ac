// GET /search: free text over name, description, category and tags, with paging and a category filter.
import type { APIGatewayProxyResult } from "aws-lambda";
import type { ApiDependencies } from "./dependencies";
import { isOpenSearchError, isOpenSearchUnavailable } from "./dependency-errors";
import { ApiEvent, errorResponse, isInvalid, jsonResponse, queryParameters, requestIdOf } from "../runtime/http";
import type { Product } from "./products";
import { parseSearchRequest, searchBody, searchParameters } from "./search-request";

export async function handleSearch(
    deps: Pick<ApiDependencies, "openSearch" | "productIndex" | "timeouts" | "log">,
    event: ApiEvent,
): Promise<APIGatewayProxyResult> {
    const started = Date.now();
    const parameters = queryParameters(event, searchParameters);
    const request = isInvalid(parameters) ? parameters : parseSearchRequest(parameters);
    if (isInvalid(request)) {
        return errorResponse(400, "invalid_request", request.invalid);
    }
    try {
        const response = await deps.openSearch.search(
            { index: deps.productIndex, body: searchBody(request, deps.timeouts.searchMs) },
            { requestTimeout: deps.timeouts.searchMs, maxRetries: 0 },
        );
        const { hits, took } = response.body;
        return jsonResponse(200, {
            total: typeof hits.total === "number" ? hits.total : (hits.total?.value ?? 0),
            items: hits.hits.map(hit => hit._source as Product),
            from: request.from,
            size: request.size,
            timing: { searchMs: took, totalMs: Date.now() - started },
        });
    } catch (error) {
        if (isOpenSearchError(error, "index_not_found_exception")) {
            // Nothing has been generated yet.
            return jsonResponse(200, {
                total: 0,
                items: [],
                from: request.from,
                size: request.size,
                timing: { totalMs: Date.now() - started },
            });
        }
        deps.log.error("search failed", { error: error as Error });
        if (isOpenSearchUnavailable(error)) {
            return errorResponse(503, "search_unavailable", "The search service is unavailable; try again shortly.");
        }
        return errorResponse(500, "internal_error", "The search could not be completed.", { requestId: requestIdOf(event) });
    }
}
