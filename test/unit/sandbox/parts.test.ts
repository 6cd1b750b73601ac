// The sandbox's pure parts: usage-plan limits, schedule expressions, deployed-to-local values.
import { expect } from "chai";
import { Replacements } from "../../../scripts/sandbox/local-names";
import { parseOptions } from "../../../scripts/sandbox/options";
import { nextDelayMs } from "../../../scripts/sandbox/triggers/schedule-expression";
import { UsageMeter } from "../../../scripts/sandbox/triggers/usage-limits";

describe("sandbox parts", () => {
    it("throttles with a token bucket (burst, then the rate) and stops at the quota", () => {
        const meter = new UsageMeter({ rateLimit: 2, burstLimit: 3, quota: { limit: 5, period: "DAY" } });
        const t0 = 1_000_000;
        expect([1, 2, 3, 4].map(() => meter.take(t0))).to.deep.equal(["allowed", "allowed", "allowed", "throttled"]);
        expect(meter.take(t0 + 500)).to.equal("allowed"); // one token back after half a second at 2/s
        expect(meter.take(t0 + 1500)).to.equal("allowed");
        expect(meter.take(t0 + 3000)).to.equal("quota exceeded");
        expect(meter.take(t0 + 86_400_000 + 3000)).to.equal("allowed"); // a new day
    });

    it("computes the next firing of rate and AWS cron expressions", () => {
        const from = new Date("2026-03-04T10:17:30Z");
        expect(nextDelayMs("rate(5 minutes)", from)).to.equal(300_000);
        expect(nextDelayMs("rate(1 hour)", from)).to.equal(3_600_000);
        expect(nextDelayMs("cron(0 12 * * ? *)", from)).to.equal(new Date("2026-03-04T12:00:00Z").getTime() - from.getTime());
        expect(nextDelayMs("cron(30 10 ? * WED *)", from)).to.equal(12.5 * 60_000); // 2026-03-04 is a Wednesday
        expect(() => nextDelayMs("every 5 minutes", from)).to.throw(/unsupported schedule expression/);
    });

    it("replaces deployed values by local ones, ports only next to their store", () => {
        const replacements = new Replacements();
        replacements.add("https://vpc-shop.es.amazonaws.com", "http://127.0.0.1:9200");
        replacements.add("db.rds.amazonaws.com", "127.0.0.1");
        replacements.add("shop-table", "dev-shop-table");
        replacements.addScoped(["db.rds.amazonaws.com"], [["5432", "55432"]]);
        expect(replacements.environment({ A: "https://vpc-shop.es.amazonaws.com", B: "shop-table", C: "my-shop-table-x" })).to.deep.equal({
            A: "http://127.0.0.1:9200",
            B: "dev-shop-table",
            C: "my-shop-table-x", // a plain word is only replaced whole
        });
        expect(replacements.environment({ HOST: "db.rds.amazonaws.com", PORT: "5432" })).to.deep.equal({
            HOST: "127.0.0.1",
            PORT: "55432",
        });
        expect(replacements.environment({ PORT: "5432" })).to.deep.equal({ PORT: "5432" });
    });

    it("parses the start options and rejects bad ones", () => {
        expect(parseOptions([])).to.include({ stack: "dev" });
        expect(parseOptions(["prod", "--schedule-every", "10", "--port", "0"])).to.deep.equal({
            stack: "prod",
            scheduleEverySeconds: 10,
            port: 0,
        });
        expect(parseOptions(["--schedule-every", "soon"])).to.match(/whole number/);
        expect(parseOptions(["dev", "prod"])).to.match(/at most one stack/);
        expect(parseOptions(["--fast"])).to.match(/unknown option/);
    });
});
