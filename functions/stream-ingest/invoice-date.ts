// Invoice dates as the Online Retail export writes them (`M/D/YYYY H:MM`, no time zone) or as ISO
// 8601 local date-times. Both become `YYYY-MM-DDTHH:MM:SS`, which sorts as it reads.

const retailFormat = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})$/;
const isoFormat = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

function daysIn(year: number, month: number): number {
    return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoOf(year: number, month: number, day: number, hour: number, minute: number, second: number): string | undefined {
    const valid =
        year >= 1970 &&
        year <= 2100 &&
        month >= 1 &&
        month <= 12 &&
        day >= 1 &&
        day <= daysIn(year, month) &&
        hour <= 23 &&
        minute <= 59 &&
        second <= 59;
    if (!valid) {
        return undefined;
    }
    const two = (value: number) => String(value).padStart(2, "0");
    return `${year}-${two(month)}-${two(day)}T${two(hour)}:${two(minute)}:${two(second)}`;
}

/** The normalized date-time, or undefined when the text is not a real calendar date and time. */
export function normalizeInvoiceDate(text: string): string | undefined {
    const retail = retailFormat.exec(text);
    if (retail) {
        const [, month, day, year, hour, minute] = retail.map(Number);
        return isoOf(year, month, day, hour, minute, 0);
    }
    const iso = isoFormat.exec(text);
    if (iso) {
        const [, year, month, day, hour, minute] = iso.map(Number);
        return isoOf(year, month, day, hour, minute, iso[6] === undefined ? 0 : Number(iso[6]));
    }
    return undefined;
}
