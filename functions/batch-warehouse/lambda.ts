// The Lambda entry point of the warehouse runner: one Data API client per container, resource
// values (workgroup, database, processed zone, COPY role) from the environment, the source's
// config captured as plain data.
import { RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { S3Client } from "@aws-sdk/client-s3";
import { LoadAnswer, RunnerEvent, RunnerSettings, runWarehouseAction } from "./handler";
import { QualityVerdict } from "./quality";
import { warehouseError } from "./errors";
import { SourceConfig } from "./source-config";

export type RunnerHandler = (event: RunnerEvent) => Promise<LoadAnswer | QualityVerdict>;

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

/** The source an event names; an event without a name is for the only source there is. */
export function sourceOfEvent(event: RunnerEvent, sources: SourceConfig[]): SourceConfig {
    const name = (event as { source?: unknown } | undefined)?.source;
    const found = name === undefined && sources.length === 1 ? sources[0] : sources.find(source => source.name === name);
    if (!found) {
        throw warehouseError(
            "RunnerInputError",
            `unknown source ${JSON.stringify(name)} (this runner loads ${sources.map(source => source.name).join(", ")})`,
        );
    }
    return found;
}

/** The handler factory InlineLambda serializes: every declared source's config is captured. */
export function warehouseRunnerHandler(sources: SourceConfig | SourceConfig[]): () => RunnerHandler {
    const all = Array.isArray(sources) ? sources : [sources];
    return () => {
        const client = new RedshiftDataClient({});
        const s3 = new S3Client({});
        const settings = runnerSettingsFromEnvironment();
        return async event => runWarehouseAction(event, client, sourceOfEvent(event, all), settings, s3);
    };
}
