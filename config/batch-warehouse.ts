// BatchWarehouse keys (warehouse*), and the component's Args shaped from them. The source itself
// (columns, keys, thresholds) is a file under sources/, not stack config.
import type { BatchWarehouseArgs, WarehouseSource } from "../components/batch-warehouse";
import type { SourceDefinition } from "../functions/sources/source-definition";
import { SourceFileError } from "./sources";
import { warehouseSourceConfig } from "./warehouse-source";
import { booleanValue, ConfigError, ConfigReader, enumValue, integerValue, stringValue } from "./values";

export const glueWorkerTypes = ["G.1X", "G.2X", "G.4X", "G.8X"] as const;
export const usageLimitPeriods = ["daily", "weekly", "monthly"] as const;
export const usageLimitBreachActions = ["log", "emit-metric", "deactivate"] as const;

export interface BatchWarehouseSettings {
    /** EventBridge Scheduler expression (UTC) that starts the pipeline. */
    warehouseSchedule: string;
    /** Glue worker type. */
    warehouseWorkerType: (typeof glueWorkerTypes)[number];
    /** Glue workers per job run. */
    warehouseWorkers: number;
    /** Glue job timeout in minutes. */
    warehouseJobTimeoutMinutes: number;
    /** Redshift Serverless base capacity in RPU (4 or a multiple of 8). */
    warehouseBaseCapacityRpu: number;
    /** Usage limit in RPU-hours per period. */
    warehouseUsageLimitRpuHours: number;
    warehouseUsageLimitPeriod: (typeof usageLimitPeriods)[number];
    warehouseUsageLimitBreachAction: (typeof usageLimitBreachActions)[number];
    /** Days objects stay in each zone (0 keeps them). */
    warehouseRawRetentionDays: number;
    warehouseProcessedRetentionDays: number;
    warehouseCuratedRetentionDays: number;
    warehouseRejectedRetentionDays: number;
    /** State machine inputs and outputs in its logs; keep it off in prod. */
    warehouseLogExecutionData: boolean;
}

export const batchWarehouseSettingsDefaults: BatchWarehouseSettings = {
    warehouseSchedule: "cron(0 2 * * ? *)",
    warehouseWorkerType: "G.1X",
    warehouseWorkers: 2,
    warehouseJobTimeoutMinutes: 60,
    warehouseBaseCapacityRpu: 8,
    warehouseUsageLimitRpuHours: 24,
    warehouseUsageLimitPeriod: "daily",
    warehouseUsageLimitBreachAction: "deactivate",
    warehouseRawRetentionDays: 90,
    warehouseProcessedRetentionDays: 365,
    warehouseCuratedRetentionDays: 0,
    warehouseRejectedRetentionDays: 90,
    warehouseLogExecutionData: false,
};

export function parseBatchWarehouseSettings(read: ConfigReader): BatchWarehouseSettings {
    const d = batchWarehouseSettingsDefaults;
    const settings: BatchWarehouseSettings = {
        warehouseSchedule: stringValue(
            read,
            "warehouseSchedule",
            d.warehouseSchedule,
            /^(rate\(\d+ (minute|minutes|hour|hours|day|days)\)|cron\([^()]+\))$/,
            "an EventBridge Scheduler rate(...) or cron(...) expression",
        ),
        warehouseWorkerType: enumValue(read, "warehouseWorkerType", d.warehouseWorkerType, glueWorkerTypes),
        warehouseWorkers: integerValue(read, "warehouseWorkers", d.warehouseWorkers, 2, 299),
        warehouseJobTimeoutMinutes: integerValue(read, "warehouseJobTimeoutMinutes", d.warehouseJobTimeoutMinutes, 1, 2880),
        warehouseBaseCapacityRpu: integerValue(read, "warehouseBaseCapacityRpu", d.warehouseBaseCapacityRpu, 4, 1024),
        warehouseUsageLimitRpuHours: integerValue(read, "warehouseUsageLimitRpuHours", d.warehouseUsageLimitRpuHours, 1, 100_000),
        warehouseUsageLimitPeriod: enumValue(read, "warehouseUsageLimitPeriod", d.warehouseUsageLimitPeriod, usageLimitPeriods),
        warehouseUsageLimitBreachAction: enumValue(
            read,
            "warehouseUsageLimitBreachAction",
            d.warehouseUsageLimitBreachAction,
            usageLimitBreachActions,
        ),
        warehouseRawRetentionDays: integerValue(read, "warehouseRawRetentionDays", d.warehouseRawRetentionDays, 0, 3650),
        warehouseProcessedRetentionDays: integerValue(read, "warehouseProcessedRetentionDays", d.warehouseProcessedRetentionDays, 0, 3650),
        warehouseCuratedRetentionDays: integerValue(read, "warehouseCuratedRetentionDays", d.warehouseCuratedRetentionDays, 0, 3650),
        warehouseRejectedRetentionDays: integerValue(read, "warehouseRejectedRetentionDays", d.warehouseRejectedRetentionDays, 0, 3650),
        warehouseLogExecutionData: booleanValue(read, "warehouseLogExecutionData", d.warehouseLogExecutionData),
    };
    const rpu = settings.warehouseBaseCapacityRpu;
    if (rpu !== 4 && rpu % 8 !== 0) {
        throw new ConfigError(`warehouseBaseCapacityRpu must be 4 or a multiple of 8 (got ${rpu})`);
    }
    return settings;
}

/** The source BatchWarehouse loaded before it loaded every declared one: its resources keep their names. */
export const primaryWarehouseSource = "online_retail";

/** Each declared source with the SourceConfig its transform and load use; a problem names the file. */
export function warehouseSources(sources: SourceDefinition[]): WarehouseSource[] {
    return sources.map(definition => {
        try {
            return { definition, config: warehouseSourceConfig(definition) };
        } catch (error) {
            throw new SourceFileError([{ file: definition.file, path: "/source", expected: (error as Error).message }]);
        }
    });
}

/** The component's Args (all but the platform and how sources are ingested). */
export function batchWarehouseArgs(
    settings: BatchWarehouseSettings,
    sources: SourceDefinition[],
): Omit<BatchWarehouseArgs, "platform" | "ingestion"> {
    if (sources.length === 0) {
        throw new ConfigError("sources/: no source declared; the warehouse loads at least one");
    }
    return {
        sources: warehouseSources(sources),
        ...(sources.some(source => source.name === primaryWarehouseSource) ? { primarySource: primaryWarehouseSource } : {}),
        schedule: settings.warehouseSchedule,
        workerType: settings.warehouseWorkerType,
        numberOfWorkers: settings.warehouseWorkers,
        jobTimeoutMinutes: settings.warehouseJobTimeoutMinutes,
        baseCapacityRpu: settings.warehouseBaseCapacityRpu,
        usageLimitRpuHours: settings.warehouseUsageLimitRpuHours,
        usageLimitPeriod: settings.warehouseUsageLimitPeriod,
        usageLimitBreachAction: settings.warehouseUsageLimitBreachAction,
        retentionDays: {
            raw: settings.warehouseRawRetentionDays,
            processed: settings.warehouseProcessedRetentionDays,
            curated: settings.warehouseCuratedRetentionDays,
            rejected: settings.warehouseRejectedRetentionDays,
        },
        logExecutionData: settings.warehouseLogExecutionData,
    };
}
