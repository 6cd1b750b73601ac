// Tier 3: GET /health against the real OpenSearch and Redis, each stopped and frozen in turn.
import { expect } from "chai";
import type { ApiDependencies } from "../../../functions/search-and-cache/dependencies";
import { handleHealth } from "../../../functions/search-and-cache/health-handler";
import { whilePaused, whileStopped } from "../../support/service-control";
import { requireService } from "../../support/services";
import { bodyOf, localApiDependencies, localRedis, uniqueIndex } from "./local-dependencies";

interface HealthBody {
    status: string;
    error?: string;
    message?: string;
    down: string[];
    dependencies: Record<"opensearch" | "redis", { status: "up" | "down"; latencyMs?: number; reason?: string; cluster?: string }>;
}

describe("GET /health (tier 3: real OpenSearch and Redis)", function () {
    this.timeout(120_000);
    let deps: ApiDependencies;

    const health = async (expected: number, using = deps): Promise<HealthBody> => {
        const response = await handleHealth(using);
        expect(response.statusCode, response.body).to.equal(expected);
        return bodyOf<HealthBody>(response);
    };

    before(async () => {
        await requireService("opensearch", "redis");
        deps = localApiDependencies(uniqueIndex("health"));
    });

    after(async () => {
        await deps.redis.close();
        await deps.openSearch.close();
    });

    it("answers 200 with each dependency's state when both are up", async () => {
        const body = await health(200);
        expect(body).to.include({ status: "ok" });
        expect(body.down).to.deep.equal([]);
        expect(body.dependencies.opensearch.status).to.equal("up");
        expect(["green", "yellow"]).to.include(body.dependencies.opensearch.cluster);
        expect(body.dependencies.redis.status).to.equal("up");
        expect(body.dependencies.redis.latencyMs).to.be.a("number");
    });

    it("answers 503 naming Redis while it is down, and 200 again once it is back", async () => {
        await whileStopped("redis", async () => {
            const body = await health(503);
            expect(body).to.include({ status: "unavailable", error: "dependency_unavailable", message: "Unavailable: redis." });
            expect(body.down).to.deep.equal(["redis"]);
            expect(body.dependencies.redis).to.deep.equal({ status: "down", reason: "unreachable" });
            expect(body.dependencies.opensearch.status).to.equal("up");
        });
        await health(200);
    });

    it("answers 503 naming OpenSearch while it is down, and 200 again once it is back", async () => {
        await whileStopped("opensearch", async () => {
            const body = await health(503);
            expect(body.down).to.deep.equal(["opensearch"]);
            expect(body.dependencies.opensearch).to.deep.equal({ status: "down", reason: "unreachable" });
            expect(body.dependencies.redis.status).to.equal("up");
        });
        await health(200);
    });

    for (const service of ["opensearch", "redis"] as const) {
        it(`answers within its short deadline while ${service} hangs`, async () => {
            const started = Date.now();
            await whilePaused(service, async () => {
                const body = await health(503);
                expect(body.down).to.deep.equal([service]);
                expect(body.dependencies[service]).to.deep.equal({ status: "down", reason: "timeout" });
            });
            expect(Date.now() - started).to.be.lessThan(deps.timeouts.healthMs + 4000);
        });
    }

    it("reports Redis down when it refuses the AUTH token", async () => {
        const body = await health(503, { ...deps, redis: localRedis({ authToken: async () => "not-the-token" }) });
        expect(body.down).to.deep.equal(["redis"]);
    });
});
