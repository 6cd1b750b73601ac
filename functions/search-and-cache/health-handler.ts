// GET /health: OpenSearch cluster health and Redis PING, each within a short deadline.
import type { APIGatewayProxyResult } from "aws-lambda";
import { withDeadline } from "./deadline";
import type { ApiDependencies } from "./dependencies";
import { failureReason } from "./dependency-errors";
import { jsonResponse } from "../runtime/http";

type DependencyState = { status: "up"; latencyMs: number; cluster?: string } | { status: "down"; reason: string; cluster?: string };

async function probe(check: () => Promise<string | undefined>, timeoutMs: number, what: string): Promise<DependencyState> {
    const started = Date.now();
    try {
        const cluster = await withDeadline(check(), timeoutMs, what);
        if (cluster === "red") {
            return { status: "down", reason: "cluster status red", cluster };
        }
        return { status: "up", latencyMs: Date.now() - started, ...(cluster ? { cluster } : {}) };
    } catch (error) {
        return { status: "down", reason: failureReason(error) };
    }
}

export async function handleHealth(
    deps: Pick<ApiDependencies, "openSearch" | "redis" | "timeouts" | "log">,
): Promise<APIGatewayProxyResult> {
    const timeoutMs = deps.timeouts.healthMs;
    const [openSearch, redis] = await Promise.all([
        probe(
            async () => (await deps.openSearch.cluster.health({}, { requestTimeout: timeoutMs, maxRetries: 0 })).body.status,
            timeoutMs,
            "OpenSearch health",
        ),
        probe(
            async () => {
                await deps.redis.use(client => client.ping());
                return undefined;
            },
            timeoutMs,
            "Redis PING",
        ),
    ]);
    const dependencies = { opensearch: openSearch, redis };
    const down = Object.entries(dependencies)
        .filter(([, state]) => state.status === "down")
        .map(([name]) => name);
    if (down.length > 0) {
        deps.log.warn("dependencies down", { down, dependencies });
        return jsonResponse(503, {
            status: "unavailable",
            error: "dependency_unavailable",
            message: `Unavailable: ${down.join(", ")}.`,
            down,
            dependencies,
        });
    }
    return jsonResponse(200, { status: "ok", down, dependencies });
}
