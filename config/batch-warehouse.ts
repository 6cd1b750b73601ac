// BatchWarehouse's stack keys (Pulumi.yaml declares them), parsed and validated into the
// component's args. index.ts passes a reader of project config; nothing else reads it.
import onlineRetail from "../sources/online-retail.json";
import type { BatchWarehouseArgs } from "../components/batch-warehouse";
import { SourceConfig, validateSource } from "../functions/batch-warehouse/source-config";
import { ConfigError } from "./platform-config";

export type BatchWarehouseConfig = Required<
    Pick<
        BatchWarehouseArgs,
        | "schedule"
        | "workerType"
        | "numberOfWorkers"
        | "jobTimeoutMinutes"
        | "baseCapacityRpu"
        | "usageLimitRpuHours"
        | "usageLimitPeriod"
        | "usageLimitBreachAction"
        | "retentionDays"
        | "logExecutionData"
    >
> & { source: SourceConfig };

export const batchWarehouseKeys = {
    schedule: "warehouseSchedule",
    workerType: "warehouseWorkerType",
    numberOfWorkers: "warehouseWorkers",
    jobTimeoutMinutes: "warehouseJobTimeoutMinutes",
    baseCapacityRpu: "warehouseBaseCapacityRpu",
    usageLimitRpuHours: "warehouseUsageLimitRpuHours",
    usageLimitPeriod: "warehouseUsageLimitPeriod",
    usageLimitBreachAction: "warehouseUsageLimitBreachAction",
    rawRetention: "warehouseRawRetentionDays",
    processedRetention: "warehouseProcessedRetentionDays",
    curatedRetention: "warehouseCuratedRetentionDays",
    rejectedRetention: "warehouseRejectedRetentionDays",
    logExecutionData: "warehouseLogExecutionData",
} as const;

type Reader = (key: string) => string | undefined;

function text(read: Reader, key: string, fallback: string): string {
    const value = read(key);
    return value === undefined || value === "" ? fallback : value;
}

function integer(read: Reader, key: string, fallback: number, min: number, max: number): number {
    const raw = read(key);
    if (raw === undefined || raw === "") {
        return fallback;
    }
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new ConfigError(`${key} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw)})`);
    }
    return value;
}

function oneOf<T extends string>(read: Reader, key: string, fallback: T, allowed: readonly T[]): T {
    const value = text(read, key, fallback);
    if (!(allowed as readonly string[]).includes(value)) {
        throw new ConfigError(`${key} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
    }
    return value as T;
}

export function parseBatchWarehouseConfig(read: Reader): BatchWarehouseConfig {
    const k = batchWarehouseKeys;
    const schedule = text(read, k.schedule, "cron(0 2 * * ? *)");
    if (!/^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\))$/.test(schedule)) {
        throw new ConfigError(`${k.schedule} must be an EventBridge Scheduler rate(...) or cron(...) expression (got ${JSON.stringify(schedule)})`);
    }
    const baseCapacityRpu = integer(read, k.baseCapacityRpu, 8, 4, 1024);
    if (baseCapacityRpu % 8 !== 0 && baseCapacityRpu !== 4) {
        throw new ConfigError(`${k.baseCapacityRpu} must be 4 or a multiple of 8 (got ${baseCapacityRpu})`);
    }
    const logFlag = text(read, k.logExecutionData, "false");
    if (logFlag !== "true" && logFlag !== "false") {
        throw new ConfigError(`${k.logExecutionData} must be true or false (got ${JSON.stringify(logFlag)})`);
    }
    return {
        source: validateSource(structuredClone(onlineRetail) as SourceConfig),
        schedule,
        workerType: oneOf(read, k.workerType, "G.1X", ["G.1X", "G.2X", "G.4X", "G.8X"]),
        numberOfWorkers: integer(read, k.numberOfWorkers, 2, 2, 299),
        jobTimeoutMinutes: integer(read, k.jobTimeoutMinutes, 60, 1, 2880),
        baseCapacityRpu,
        usageLimitRpuHours: integer(read, k.usageLimitRpuHours, 24, 1, 100_000),
        usageLimitPeriod: oneOf(read, k.usageLimitPeriod, "daily", ["daily", "weekly", "monthly"]),
        usageLimitBreachAction: oneOf(read, k.usageLimitBreachAction, "deactivate", ["log", "emit-metric", "deactivate"]),
        retentionDays: {
            raw: integer(read, k.rawRetention, 90, 0, 3650),
            processed: integer(read, k.processedRetention, 365, 0, 3650),
            curated: integer(read, k.curatedRetention, 0, 0, 3650),
            rejected: integer(read, k.rejectedRetention, 90, 0, 3650),
        },
        logExecutionData: logFlag === "true",
    };
}
