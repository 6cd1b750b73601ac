// What a first `pulumi preview` knows: inputs that are literals, but not ids, ARNs or URLs of
// resources still to be created, nor any string built from them.

/** The engine's sentinel for an unknown string (see @pulumi/policy proxy.js). */
export const unknownSentinel = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Replaces every string that is, or embeds, a computed value with the unknown sentinel. */
export function asPreview(value: unknown, computed: ReadonlySet<string>): unknown {
    if (typeof value === "string") {
        for (const known of computed) {
            if (value.includes(known)) {
                return unknownSentinel;
            }
        }
        return value;
    }
    if (Array.isArray(value)) {
        return value.map(item => asPreview(item, computed));
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, asPreview(item, computed)]));
    }
    return value;
}
