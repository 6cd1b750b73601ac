// Address ranges: does a set of CIDR blocks, taken together, admit the whole internet? Two /1s do
// as surely as 0.0.0.0/0, and so do ::/1 plus 8000::/1.

interface Range {
    start: bigint;
    end: bigint;
}

const ipv4Bits = 32;
const ipv6Bits = 128;

function ipv4Value(address: string): bigint | undefined {
    const parts = address.split(".");
    if (parts.length !== 4 || parts.some(part => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
        return undefined;
    }
    return parts.reduce((value, part) => (value << BigInt(8)) + BigInt(Number(part)), BigInt(0));
}

function ipv6Value(address: string): bigint | undefined {
    const halves = address.split("::");
    if (halves.length > 2) {
        return undefined;
    }
    const groups = (text: string) => (text === "" ? [] : text.split(":"));
    const head = groups(halves[0]);
    const tail = halves.length === 2 ? groups(halves[1]) : [];
    const missing = 8 - head.length - tail.length;
    if ((halves.length === 1 && missing !== 0) || missing < 0) {
        return undefined;
    }
    const all = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill("0"), ...tail];
    if (all.some(group => !/^[0-9a-f]{1,4}$/i.test(group))) {
        return undefined;
    }
    return all.reduce((value, group) => (value << BigInt(16)) + BigInt(parseInt(group, 16)), BigInt(0));
}

/** The range a CIDR block spans, or undefined when it is not one of the given family. */
function rangeOf(cidr: string, bits: number): Range | undefined {
    const [address, prefixText] = cidr.trim().split("/");
    const prefix = Number(prefixText ?? bits);
    const value = bits === ipv4Bits ? ipv4Value(address) : ipv6Value(address);
    if (value === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > bits) {
        return undefined;
    }
    const size = BigInt(1) << BigInt(bits - prefix);
    const start = value - (value % size);
    return { start, end: start + size - BigInt(1) };
}

function coversFamily(cidrs: string[], bits: number): boolean {
    const ranges = cidrs
        .map(cidr => rangeOf(cidr, bits))
        .filter((range): range is Range => range !== undefined)
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let next = BigInt(0);
    for (const range of ranges) {
        if (range.start > next) {
            return false;
        }
        if (range.end + BigInt(1) > next) {
            next = range.end + BigInt(1);
        }
    }
    return next === BigInt(1) << BigInt(bits);
}

/**
 * The address families (0.0.0.0/0, ::/0) that these blocks cover together, each named by the
 * blocks that cover it: an empty list means no block set is open to the whole internet.
 */
export function internetCoveredBy(cidrs: unknown[]): string[] {
    const strings = cidrs.filter((cidr): cidr is string => typeof cidr === "string");
    const v4 = strings.filter(cidr => !cidr.includes(":"));
    const v6 = strings.filter(cidr => cidr.includes(":"));
    return [
        ...(coversFamily(v4, ipv4Bits) ? [v4.length === 1 ? v4[0] : `${v4.join(" + ")} (together 0.0.0.0/0)`] : []),
        ...(coversFamily(v6, ipv6Bits) ? [v6.length === 1 ? v6[0] : `${v6.join(" + ")} (together ::/0)`] : []),
    ];
}
