// Readers of single config values: each applies its key's default and validates once, with an error
// that names the key. Every config module (platform, one per pipeline) builds on these.

export class ConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigError";
    }
}

/** Raw config reader: returns the value of a project key as Pulumi stores it, or undefined. */
export type ConfigReader = (key: string) => string | undefined;

function raw(read: ConfigReader, key: string): string | undefined {
    const value = read(key);
    return value === undefined || value === "" ? undefined : value;
}

export function stringValue(read: ConfigReader, key: string, fallback: string, pattern: RegExp, what: string): string {
    const value = raw(read, key) ?? fallback;
    if (!pattern.test(value)) {
        throw new ConfigError(`${key} must be ${what} (got ${JSON.stringify(value)})`);
    }
    return value;
}

export function cidrValue(read: ConfigReader, key: string, fallback: string): string {
    const value = raw(read, key) ?? fallback;
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
    const valid =
        match !== null && match.slice(1, 5).every(octet => Number(octet) <= 255) && Number(match[5]) >= 16 && Number(match[5]) <= 20;
    if (!valid) {
        throw new ConfigError(`${key} must be an IPv4 CIDR block from /16 to /20 (got ${JSON.stringify(value)})`);
    }
    return value;
}

export function integerValue(read: ConfigReader, key: string, fallback: number, min: number, max: number): number {
    const text = raw(read, key);
    if (text === undefined) {
        return fallback;
    }
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new ConfigError(`${key} must be an integer from ${min} to ${max} (got ${JSON.stringify(text)})`);
    }
    return value;
}

export function booleanValue(read: ConfigReader, key: string, fallback: boolean): boolean {
    const text = raw(read, key);
    if (text === undefined) {
        return fallback;
    }
    if (text !== "true" && text !== "false") {
        throw new ConfigError(`${key} must be true or false (got ${JSON.stringify(text)})`);
    }
    return text === "true";
}

export function enumValue<T extends string>(read: ConfigReader, key: string, fallback: T, allowed: readonly T[]): T {
    const value = raw(read, key) ?? fallback;
    if (!(allowed as readonly string[]).includes(value)) {
        throw new ConfigError(`${key} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
    }
    return value as T;
}

export function emailListValue(read: ConfigReader, key: string, fallback: string[]): string[] {
    const text = raw(read, key);
    if (text === undefined) {
        return [...fallback];
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new ConfigError(`${key} must be a list of e-mail addresses (got ${JSON.stringify(text)})`);
    }
    if (!Array.isArray(parsed) || !parsed.every(item => typeof item === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(item))) {
        throw new ConfigError(`${key} must be a list of e-mail addresses (got ${text})`);
    }
    return parsed as string[];
}
