// Usage assumptions and the budget: stack config read by the plan only (the program never sees
// them). Declared in Pulumi.yaml with the same defaults as here; a test keeps the two in step.
import { StackConfig, PlanInputError } from "../stack-config";

/** What the usage-driven prices are multiplied by. Every figure is per month unless it says per day. */
export interface UsageAssumptions {
    /** Requests each REST API serves per month, shared equally by its routes. */
    costApiRequestsPerMonth: number;
    /** Average duration of one Lambda invocation, in milliseconds. */
    costLambdaDurationMs: number;
    /** Objects uploaded per day under a prefix that notifies a function (one invocation each). */
    costObjectUploadsPerDay: number;
    /** Average size of one message an SES receipt rule receives (with its attachments), in bytes. */
    costReceivedMailBytes: number;
    /** Records written to each Kinesis stream per day (also what its Firehose delivers). */
    costStreamRecordsPerDay: number;
    /** Average size of one stream record, in bytes. */
    costStreamRecordBytes: number;
    /** Item writes per day to each DynamoDB table (each also a stream record when the stream is on). */
    costTableWritesPerDay: number;
    /** Data kept in each bucket, in GB. */
    costBucketStorageGb: number;
    /** Logs ingested into each log group other than flow logs, in MB per month. */
    costLogMbPerGroup: number;
    /** VPC flow logs ingested per VPC, in GB per month. */
    costFlowLogGbPerMonth: number;
    /** Data processed by each interface endpoint, in GB per month. */
    costEndpointGbPerMonth: number;
    /** Data processed by each NAT gateway, in GB per month. */
    costNatGbPerMonth: number;
    /** Hours per day a Redshift Serverless workgroup runs queries at its base capacity. */
    costWarehouseActiveHoursPerDay: number;
    /** Data kept in each Redshift Serverless namespace, in GB. */
    costWarehouseStorageGb: number;
    /** Runs per day of each Glue job. */
    costGlueRunsPerDay: number;
    /** Minutes one Glue job run takes. */
    costGlueRunMinutes: number;
    /** Runs per day of each Glue crawler (billed at least 10 minutes each). */
    costCrawlerRunsPerDay: number;
    /** Executions per day of each state machine without a schedule in the plan. */
    costStateMachineRunsPerDay: number;
}

export interface CostSettings {
    usage: UsageAssumptions;
    /** Monthly budget in USD; 0 means none. */
    budgetUsd: number;
    /** Exceeding the budget is a mandatory violation (default advisory). */
    budgetMandatory: boolean;
}

export const usageDefaults: UsageAssumptions = {
    costApiRequestsPerMonth: 100_000,
    costLambdaDurationMs: 300,
    costObjectUploadsPerDay: 24,
    costReceivedMailBytes: 200 * 1024,
    costStreamRecordsPerDay: 100_000,
    costStreamRecordBytes: 1024,
    costTableWritesPerDay: 10_000,
    costBucketStorageGb: 10,
    costLogMbPerGroup: 500,
    costFlowLogGbPerMonth: 5,
    costEndpointGbPerMonth: 5,
    costNatGbPerMonth: 20,
    costWarehouseActiveHoursPerDay: 2,
    costWarehouseStorageGb: 50,
    costGlueRunsPerDay: 1,
    costGlueRunMinutes: 10,
    costCrawlerRunsPerDay: 1,
    costStateMachineRunsPerDay: 24,
};

export const budgetKeys = { budgetUsd: "costBudgetUsd", budgetMandatory: "costBudgetMandatory" } as const;

function readNumber(config: StackConfig, key: string, fallback: number): number {
    const raw = config.values[`${config.project}:${key}`];
    if (raw === undefined) {
        return fallback;
    }
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) {
        throw new PlanInputError(`config ${config.project}:${key} must be a number of at least 0 (got ${JSON.stringify(raw)})`);
    }
    return value;
}

/** The cost settings of a stack: its values over the defaults. Throws PlanInputError on a bad value. */
export function parseCostSettings(config: StackConfig): CostSettings {
    const usage = { ...usageDefaults };
    for (const key of Object.keys(usageDefaults) as (keyof UsageAssumptions)[]) {
        usage[key] = readNumber(config, key, usageDefaults[key]);
    }
    const mandatory = config.values[`${config.project}:${budgetKeys.budgetMandatory}`];
    if (mandatory !== undefined && mandatory !== "true" && mandatory !== "false") {
        throw new PlanInputError(`config ${config.project}:${budgetKeys.budgetMandatory} must be true or false`);
    }
    return {
        usage,
        budgetUsd: readNumber(config, budgetKeys.budgetUsd, 0),
        budgetMandatory: mandatory === "true",
    };
}
