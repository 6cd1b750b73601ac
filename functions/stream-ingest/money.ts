// Money in thousandths (integers), so sums are exact; DynamoDB stores the decimal text exactly too.

export const priceDecimals = 3;
const scale = 10 ** priceDecimals;

/** The price in thousandths, or undefined when it has more than three decimals. */
export function toMilli(value: number): number | undefined {
    const milli = Math.round(value * scale);
    return Math.abs(milli / scale - value) < 1e-9 ? milli : undefined;
}

/** Thousandths as DynamoDB number text, e.g. -15300 -> "-15.300". */
export function milliToDecimal(milli: number): string {
    const sign = milli < 0 ? "-" : "";
    const magnitude = Math.abs(milli);
    return `${sign}${Math.floor(magnitude / scale)}.${String(magnitude % scale).padStart(priceDecimals, "0")}`;
}
