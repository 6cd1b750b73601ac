// The e-commerce records the schedule generates: realistic, and the same for the same seed, so a
// retried scheduled event rewrites the same documents instead of adding new ones.
import { createHash } from "crypto";

export const categories = ["electronics", "books", "clothing", "home"] as const;
export type Category = (typeof categories)[number];

export interface Product {
    /** RFC 4122 name-based (version 5) UUID. */
    id: string;
    name: string;
    category: Category;
    /** In `currency`, two decimals. */
    price: number;
    currency: "USD";
    description: string;
    tags: string[];
    /** 1.0 to 5.0. */
    rating: number;
    inStock: boolean;
    /** ISO 8601. */
    createdAt: string;
    updatedAt: string;
}

interface CategoryCatalog {
    brands: string[];
    items: string[];
    tags: string[];
    minPrice: number;
    maxPrice: number;
}

const catalog: Record<Category, CategoryCatalog> = {
    electronics: {
        brands: ["Voltix", "Auralis", "Nimbus", "Kestrel", "Lumora"],
        items: ["Wireless Headphones", "Bluetooth Speaker", "4K Monitor", "Mechanical Keyboard", "USB-C Hub", "Smartwatch", "Portable SSD"],
        tags: ["wireless", "bluetooth", "usb-c", "4k", "portable", "rechargeable", "smart-home"],
        minPrice: 19,
        maxPrice: 1499,
    },
    books: {
        brands: ["Harbor Press", "Northlight Books", "Quill & Ink", "Meridian House"],
        items: [
            "Cookbook",
            "Mystery Novel",
            "Science Fiction Anthology",
            "Travel Guide",
            "Biography",
            "Poetry Collection",
            "Programming Handbook",
        ],
        tags: ["hardcover", "paperback", "bestseller", "signed", "illustrated", "first-edition"],
        minPrice: 8,
        maxPrice: 65,
    },
    clothing: {
        brands: ["Fjordline", "Urban Thread", "Peak & Pine", "Solace"],
        items: ["Merino Sweater", "Denim Jacket", "Running Shoes", "Linen Shirt", "Rain Coat", "Wool Socks", "Chino Trousers"],
        tags: ["organic-cotton", "waterproof", "slim-fit", "recycled", "unisex", "breathable"],
        minPrice: 12,
        maxPrice: 320,
    },
    home: {
        brands: ["Hearthstone", "Casa Verde", "Oakhaven", "Lumen & Co"],
        items: ["Cast Iron Skillet", "Ceramic Vase", "Memory Foam Pillow", "French Press", "Throw Blanket", "LED Desk Lamp"],
        tags: ["handmade", "dishwasher-safe", "eco-friendly", "minimalist", "energy-efficient"],
        minPrice: 9,
        maxPrice: 450,
    },
};

const styles = ["Classic", "Premium", "Compact", "Everyday", "Deluxe", "Eco", "Pro", "Vintage"];
const colours = ["Slate", "Ivory", "Forest Green", "Navy", "Terracotta", "Charcoal", "Sand"];
const qualities = ["built to last", "designed for everyday use", "made with care", "loved by reviewers", "easy to clean"];

/** Namespace of this platform's product ids (a fixed random UUID). */
const productIdNamespace = "3c1e5b7a-2f4d-4e8b-9a61-7d0c2b9f4e13";

/** RFC 4122 version 5 UUID of `name` in `namespace`. */
export function nameBasedUuid(namespace: string, name: string): string {
    const hash = createHash("sha1")
        .update(Buffer.from(namespace.replace(/-/g, ""), "hex"))
        .update(name, "utf8")
        .digest();
    hash[6] = (hash[6] & 0x0f) | 0x50;
    hash[8] = (hash[8] & 0x3f) | 0x80;
    const hex = hash.subarray(0, 16).toString("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A small deterministic generator (mulberry32) seeded from a string: numbers in [0, 1). */
function seededRandom(seed: string): () => number {
    let state = createHash("sha256").update(seed, "utf8").digest().readUInt32LE(0);
    return () => {
        state = (state + 0x6d2b79f5) | 0;
        let t = Math.imul(state ^ (state >>> 15), 1 | state);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** `count` products for one run; the same seed and time give the same products. */
export function generateProducts(count: number, seed: string, now: Date): Product[] {
    const random = seededRandom(seed);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
    const day = 24 * 60 * 60 * 1000;
    return Array.from({ length: count }, (_, index) => {
        const category = pick(categories);
        const entry = catalog[category];
        const brand = pick(entry.brands);
        const item = pick(entry.items);
        const colour = pick(colours);
        const tags = [...new Set([pick(entry.tags), pick(entry.tags), pick(entry.tags)])].sort();
        const price = Math.round((entry.minPrice + random() * (entry.maxPrice - entry.minPrice)) * 100) / 100;
        return {
            id: nameBasedUuid(productIdNamespace, `${seed}#${index}`),
            name: `${brand} ${pick(styles)} ${item} (${colour})`,
            category,
            price,
            currency: "USD",
            description: `A ${colour.toLowerCase()} ${item.toLowerCase()} from ${brand}, ${pick(qualities)}. Tagged ${tags.join(", ")}.`,
            tags,
            rating: Math.round((1 + random() * 4) * 10) / 10,
            inStock: random() > 0.15,
            createdAt: new Date(now.getTime() - Math.floor(random() * 365) * day).toISOString(),
            updatedAt: now.toISOString(),
        };
    });
}
