// Walks a source's pages in its pagination style, up to the page cap. Each step says which query
// parameters the next request carries; the records of a page and the next token are read from the
// response body at the dotted paths the source file gives.
import type { Pagination } from "./source-definition";

/** The value at a dotted path ("" is the value itself). */
export function valueAt(body: unknown, dottedPath: string): unknown {
    if (dottedPath === "") {
        return body;
    }
    return dottedPath
        .split(".")
        .reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), body);
}

/** A response without the records array where the file says (a plain named Error, as http-request.ts explains). */
export function pageShapeError(message: string): Error {
    return Object.assign(new Error(message), { name: "PageShapeError" });
}

export function recordsOf(body: unknown, recordsPath: string): unknown[] {
    const records = valueAt(body, recordsPath);
    if (!Array.isArray(records)) {
        throw pageShapeError(`the response has no array at ${recordsPath === "" ? "its top level" : `"${recordsPath}"`}`);
    }
    return records;
}

/** Query parameters of page `index` (0-based), given the previous page's token. */
export function pageQuery(pagination: Pagination, index: number, token: string | undefined): Record<string, string> {
    switch (pagination.style) {
        case "none":
            return {};
        case "offset":
            return { [pagination.offsetParam]: String(index * pagination.pageSize), [pagination.limitParam]: String(pagination.pageSize) };
        case "page":
            return {
                [pagination.pageParam]: String(pagination.firstPage + index),
                ...(pagination.sizeParam ? { [pagination.sizeParam]: String(pagination.pageSize) } : {}),
            };
        case "token":
            return token === undefined ? {} : { [pagination.tokenParam]: token };
    }
}

/** Whether another page follows this one, and its token (token style). */
export function nextPage(pagination: Pagination, body: unknown, records: unknown[]): { more: boolean; token?: string } {
    switch (pagination.style) {
        case "none":
            return { more: false };
        case "offset":
        case "page":
            return { more: records.length >= pagination.pageSize };
        case "token": {
            const token = valueAt(body, pagination.tokenPath);
            if (token === undefined || token === null || token === "") {
                return { more: false };
            }
            if (typeof token !== "string" && typeof token !== "number") {
                throw pageShapeError(`the next token at "${pagination.tokenPath}" is not a string`);
            }
            return { more: true, token: String(token) };
        }
    }
}
