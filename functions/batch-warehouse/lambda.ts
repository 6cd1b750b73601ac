// The Lambda entry point of the warehouse runner: one Data API client per container, resource
// values (workgroup, database, processed zone, COPY role) from the environment, the source's
// config captured as plain data.
import { RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { LoadStarted, RunnerEvent, RunnerSettings, runWarehouseAction } from "./handler";
import { QualityVerdict } from "./quality";
import { SourceConfig } from "./source-config";

export type RunnerHandler = (event: RunnerEvent) => Promise<LoadStarted | QualityVerdict>;

function required(name: string): string {
    const value = process.env[name];
    if (!value) {
        throw new Error(`environment variable ${name} is not set`);
    }
    return value;
}

export function runnerSettingsFromEnvironment(): RunnerSettings {
    return {
        target: { workgroupName: required("WAREHOUSE_WORKGROUP"), database: required("WAREHOUSE_DATABASE") },
        processedRoot: required("PROCESSED_ROOT"),
        copyRoleArn: required("COPY_ROLE_ARN"),
        poll: { intervalMs: Number(process.env.POLL_INTERVAL_MS ?? 1000), timeoutMs: Number(process.env.POLL_TIMEOUT_MS ?? 240_000) },
    };
}

/** The handler factory InlineLambda serializes. */
export function warehouseRunnerHandler(source: SourceConfig): () => RunnerHandler {
    return () => {
        const client = new RedshiftDataClient({});
        const settings = runnerSettingsFromEnvironment();
        return event => runWarehouseAction(event, client, source, settings);
    };
}
