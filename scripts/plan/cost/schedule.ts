// How often a schedule expression fires in a month: exact for rate(...), and for cron(...) the
// minute and hour fields counted on every day (day-of-month and day-of-week fields are ignored).
const minutesPer: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };

function fieldCount(field: string, size: number): number {
    if (field === "*" || field === "?") {
        return size;
    }
    const step = /^(?:\*|\d+)\/(\d+)$/.exec(field);
    if (step) {
        return Math.ceil(size / Number(step[1]));
    }
    return field.split(",").reduce((sum, part) => {
        const range = /^(\d+)-(\d+)$/.exec(part);
        return sum + (range ? Number(range[2]) - Number(range[1]) + 1 : 1);
    }, 0);
}

/** Runs per month of an EventBridge schedule expression, or undefined when it is not one. */
export function runsPerMonth(expression: string, daysPerMonth: number): number | undefined {
    const rate = /^rate\((\d+)\s+(minutes?|hours?|days?)\)$/.exec(expression.trim());
    if (rate) {
        return (daysPerMonth * 1440) / (Number(rate[1]) * minutesPer[rate[2]]);
    }
    const cron = /^cron\((.+)\)$/.exec(expression.trim());
    if (cron) {
        const [minutes, hours] = cron[1].trim().split(/\s+/);
        if (minutes === undefined || hours === undefined) {
            return undefined;
        }
        return fieldCount(minutes, 60) * fieldCount(hours, 24) * daysPerMonth;
    }
    return undefined;
}
