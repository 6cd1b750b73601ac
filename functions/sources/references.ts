// `${SECRET:name}` and `${BUCKET:zone}` references inside a source file's strings. The program
// parses them at plan time (to grant the function its secrets and resolve zones); the fetcher
// renders secret references at run time, so a secret's value never enters config or state.

export const referenceKinds = ["SECRET", "BUCKET"] as const;
export type ReferenceKind = (typeof referenceKinds)[number];

export const warehouseZones = ["raw", "processed", "curated"] as const;
export type WarehouseZone = (typeof warehouseZones)[number];

/** Secrets Manager name characters (letters, digits, / _ + = . @ -), at most 512. */
export const secretNamePattern = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

export interface Reference {
    kind: string;
    argument: string;
    /** The whole `${KIND:argument}` text. */
    text: string;
}

export type TemplatePart = { literal: string } | { reference: Reference };

const referencePattern = /\$\{([^{}:]*):([^{}]*)\}/g;

/** Splits a string into literal text and references; `${` that opens no `${KIND:arg}` stays literal. */
export function parseTemplate(value: string): TemplatePart[] {
    const parts: TemplatePart[] = [];
    let last = 0;
    for (const match of value.matchAll(referencePattern)) {
        const start = match.index ?? 0;
        if (start > last) {
            parts.push({ literal: value.slice(last, start) });
        }
        parts.push({ reference: { kind: match[1], argument: match[2], text: match[0] } });
        last = start + match[0].length;
    }
    if (last < value.length) {
        parts.push({ literal: value.slice(last) });
    }
    return parts;
}

export function referencesIn(value: string): Reference[] {
    return parseTemplate(value).flatMap(part => ("reference" in part ? [part.reference] : []));
}

/** What is wrong with one reference, or undefined when it is well formed. */
export function referenceProblem(reference: Reference): string | undefined {
    if (!(referenceKinds as readonly string[]).includes(reference.kind)) {
        return `${reference.text} is not a known reference (expected \${SECRET:name} or \${BUCKET:raw|processed|curated})`;
    }
    if (reference.kind === "SECRET" && !secretNamePattern.test(reference.argument)) {
        return `${reference.text}: a secret name is 1-512 letters, digits or / _ + = . @ -`;
    }
    if (reference.kind === "BUCKET" && !(warehouseZones as readonly string[]).includes(reference.argument)) {
        return `${reference.text}: the zone must be one of ${warehouseZones.join(", ")}`;
    }
    return undefined;
}

/** The names of the secrets a string refers to. */
export function secretNamesIn(value: string): string[] {
    return referencesIn(value)
        .filter(reference => reference.kind === "SECRET")
        .map(reference => reference.argument);
}

/** A reference with no value to render (a plain named Error, as http-request.ts explains). */
export function missingSecretError(secretName: string): Error & { secretName: string } {
    return Object.assign(new Error(`no value for \${SECRET:${secretName}}`), { name: "MissingSecretError", secretName });
}

/** The string with every `${SECRET:name}` replaced by the secret's value. */
export function renderSecrets(value: string, secrets: ReadonlyMap<string, string>): string {
    return parseTemplate(value)
        .map(part => {
            if ("literal" in part) {
                return part.literal;
            }
            if (part.reference.kind !== "SECRET") {
                return part.reference.text;
            }
            const secret = secrets.get(part.reference.argument);
            if (secret === undefined) {
                throw missingSecretError(part.reference.argument);
            }
            return secret;
        })
        .join("");
}
