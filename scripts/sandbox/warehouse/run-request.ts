// Asks the running sandbox to run one BatchWarehouse state machine to its end (CLI and demo).
import type { Endpoints } from "../report";
import type { WarehouseRun } from "./runner";

export type RunAnswer = WarehouseRun & { database: string; table: string };

export async function runWarehouse(endpoints: Endpoints, machine: string): Promise<RunAnswer> {
    const response = await fetch(`${endpoints.statusUrl}warehouse/${encodeURIComponent(machine)}/run`, {
        method: "POST",
        signal: AbortSignal.timeout(15 * 60_000),
    });
    const body = (await response.json()) as RunAnswer & { message?: string };
    if (!response.ok) {
        throw new Error(`run of ${machine}: ${response.status} ${body.message ?? ""}`);
    }
    return body;
}
