// GET /cache?id=: cache-aside lookup. Redis first; on a miss OpenSearch, then Redis is filled.
// With Redis down the record still comes from OpenSearch, flagged as degraded.
import type { APIGatewayProxyResult } from "aws-lambda";
import type { ApiDependencies } from "./dependencies";
import { isOpenSearchError, isOpenSearchUnavailable } from "./dependency-errors";
import { ApiEvent, errorResponse, isInvalid, jsonResponse, queryParameters, requestIdOf } from "../runtime/http";
import { cachedProduct, cacheProduct } from "./product-cache";
import type { Product } from "./products";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The product id of a request (lower-cased UUID), or why there is none. */
export function productIdOf(event: ApiEvent): string | { invalid: string } {
    const parameters = queryParameters(event, ["id"] as const);
    if (isInvalid(parameters)) {
        return parameters;
    }
    const id = (parameters.id ?? "").trim().toLowerCase();
    return uuidPattern.test(id) ? id : { invalid: "id must be a product id (a UUID such as 0b6c8f0e-7d3a-5c1e-9f2b-4a6d8e0c1b3f)" };
}

async function fromSearch(deps: ApiDependencies, id: string): Promise<Product | undefined> {
    try {
        const response = await deps.openSearch.get(
            { index: deps.productIndex, id },
            { requestTimeout: deps.timeouts.searchMs, maxRetries: 0 },
        );
        return response.body.found ? (response.body._source as Product) : undefined;
    } catch (error) {
        const notFound =
            isOpenSearchError(error, "index_not_found_exception") || (error as { meta?: { statusCode?: number } }).meta?.statusCode === 404;
        if (notFound) {
            return undefined;
        }
        throw error;
    }
}

export async function handleCacheLookup(deps: ApiDependencies, event: ApiEvent): Promise<APIGatewayProxyResult> {
    const id = productIdOf(event);
    if (typeof id !== "string") {
        return errorResponse(400, "invalid_request", id.invalid);
    }
    let redisUp = true;
    try {
        const cached = await deps.redis.use(client => cachedProduct(client, id));
        if (cached !== undefined) {
            return jsonResponse(200, { source: "cache", degraded: false, item: cached });
        }
    } catch (error) {
        redisUp = false;
        deps.log.warn("cache read failed; answering from search", { error: error as Error });
    }
    let product: Product | undefined;
    try {
        product = await fromSearch(deps, id);
    } catch (error) {
        deps.log.error("search lookup failed", { error: error as Error });
        return isOpenSearchUnavailable(error)
            ? errorResponse(503, "search_unavailable", "The product store is unavailable; try again shortly.")
            : errorResponse(500, "internal_error", "The lookup could not be completed.", { requestId: requestIdOf(event) });
    }
    if (product === undefined) {
        return errorResponse(404, "not_found", `No product with id ${id}.`);
    }
    let filled = false;
    if (redisUp) {
        try {
            await deps.redis.use(client => cacheProduct(client, product, deps.cacheTtlSeconds));
            filled = true;
        } catch (error) {
            deps.log.warn("cache fill failed", { error: error as Error });
        }
    }
    return jsonResponse(200, { source: "search", degraded: !filled, item: product });
}
