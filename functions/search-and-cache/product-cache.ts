// Products in Redis: one JSON string per product under `product:<id>`, always with a TTL.
import type { Product } from "./products";
import type { RedisClient } from "./redis-connection";

export function cacheKey(id: string): string {
    return `product:${id}`;
}

/** Writes every product in one pipeline (one round trip); throws if any command failed. */
export async function cacheProducts(client: RedisClient, products: Product[], ttlSeconds: number): Promise<number> {
    if (products.length === 0) {
        return 0;
    }
    const pipeline = client.multi();
    for (const product of products) {
        pipeline.set(cacheKey(product.id), JSON.stringify(product), { expiration: { type: "EX", value: ttlSeconds } });
    }
    const replies: unknown[] = await pipeline.execAsPipeline();
    const failed = replies.filter(reply => reply !== "OK").length;
    if (failed > 0) {
        throw new Error(`Redis refused ${failed} of ${products.length} writes`);
    }
    return products.length;
}

/** The cached product, or undefined when absent or unreadable (an unreadable entry is a miss). */
export async function cachedProduct(client: RedisClient, id: string): Promise<Product | undefined> {
    const value = await client.get(cacheKey(id));
    if (value === null) {
        return undefined;
    }
    try {
        const parsed = JSON.parse(value) as Partial<Product>;
        return parsed.id === id ? (parsed as Product) : undefined;
    } catch {
        return undefined;
    }
}

export async function cacheProduct(client: RedisClient, product: Product, ttlSeconds: number): Promise<void> {
    await client.set(cacheKey(product.id), JSON.stringify(product), { expiration: { type: "EX", value: ttlSeconds } });
}
