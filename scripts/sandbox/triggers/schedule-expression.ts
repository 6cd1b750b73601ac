// EventBridge schedule expressions: `rate(5 minutes)` and AWS's six-field `cron(...)`.
import awsCron from "aws-cron-parser";

const units: Record<string, number> = { minute: 60, minutes: 60, hour: 3600, hours: 3600, day: 86400, days: 86400 };

/** Milliseconds from `from` until the expression next fires. */
export function nextDelayMs(expression: string, from: Date = new Date()): number {
    const rate = /^rate\((\d+)\s+(\w+)\)$/.exec(expression.trim());
    if (rate && units[rate[2]]) {
        return Number(rate[1]) * units[rate[2]] * 1000;
    }
    const cron = /^cron\((.+)\)$/.exec(expression.trim());
    if (cron) {
        const next = awsCron.next(awsCron.parse(cron[1]), from);
        if (next) {
            return Math.max(0, next.getTime() - from.getTime());
        }
    }
    throw new Error(`unsupported schedule expression ${JSON.stringify(expression)}`);
}
