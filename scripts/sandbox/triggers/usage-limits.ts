// A usage plan's limits per key: a token bucket for the throttle (rate per second, burst), and a
// request count per quota period (DAY, WEEK, MONTH).
import { UsageLimits } from "./rest-api-model";

const periodMs: Record<string, number> = { DAY: 86_400_000, WEEK: 7 * 86_400_000, MONTH: 30 * 86_400_000 };

export type LimitVerdict = "allowed" | "throttled" | "quota exceeded";

export class UsageMeter {
    private tokens: number;
    private refilledAt?: number;
    private used = 0;
    private periodStartedAt?: number;

    constructor(private readonly limits: UsageLimits) {
        this.tokens = limits.burstLimit ?? Number.POSITIVE_INFINITY;
    }

    take(now = Date.now()): LimitVerdict {
        const { quota, rateLimit, burstLimit } = this.limits;
        this.periodStartedAt ??= now;
        this.refilledAt ??= now;
        if (quota) {
            if (now - this.periodStartedAt >= (periodMs[quota.period] ?? periodMs.DAY)) {
                this.periodStartedAt = now;
                this.used = 0;
            }
            if (this.used >= quota.limit) {
                return "quota exceeded";
            }
        }
        if (rateLimit !== undefined && burstLimit !== undefined) {
            this.tokens = Math.min(burstLimit, this.tokens + (Math.max(0, now - this.refilledAt) / 1000) * rateLimit);
            this.refilledAt = now;
            if (this.tokens < 1) {
                return "throttled";
            }
            this.tokens -= 1;
        }
        this.used++;
        return "allowed";
    }
}
