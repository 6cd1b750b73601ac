// The products index: an explicit, strict mapping created once, whoever gets there first.
import type { Client } from "@opensearch-project/opensearch";
import { isOpenSearchError } from "./dependency-errors";

/** Fields the search matches free text against, with their boosts. */
export const searchedFields = ["name^3", "category^2", "tags^2", "description"];

export function productIndexBody(replicas: number) {
    return {
        settings: { index: { number_of_shards: 1, number_of_replicas: replicas, refresh_interval: "1s" } },
        mappings: {
            dynamic: "strict" as const,
            properties: {
                id: { type: "keyword" as const },
                name: { type: "text" as const, fields: { raw: { type: "keyword" as const, ignore_above: 256 } } },
                category: { type: "keyword" as const },
                price: { type: "scaled_float" as const, scaling_factor: 100 },
                currency: { type: "keyword" as const },
                description: { type: "text" as const },
                tags: { type: "keyword" as const },
                rating: { type: "half_float" as const },
                inStock: { type: "boolean" as const },
                createdAt: { type: "date" as const },
                updatedAt: { type: "date" as const },
            },
        },
    };
}

/** Creates the index with its mapping unless it exists; safe to run concurrently and repeatedly. */
export async function ensureProductIndex(
    client: Client,
    index: string,
    replicas: number,
    timeoutMs: number,
): Promise<"created" | "existed"> {
    try {
        await client.indices.create({ index, body: productIndexBody(replicas) }, { requestTimeout: timeoutMs });
        return "created";
    } catch (error) {
        if (isOpenSearchError(error, "resource_already_exists_exception")) {
            return "existed";
        }
        throw error;
    }
}
