// BatchWarehouse: raw, processed and curated zones in S3, a Glue catalog, Redshift Serverless and a
// runner shared by every declared source (sources/*), and per source: the ingestion its type needs
// (through the builder index.ts passes), a crawler and a PySpark job on its raw prefix, its own
// warehouse table loaded by COPY and one MERGE, and its own state machine on the schedule.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { batchWarehouseDefaults } from "../defaults/batch-warehouse-defaults";
import { PlatformContext } from "../platform-context";
import { SecureBucket } from "../secure-bucket";
import type { KnownStream, SourceIngestion, SourceIngestionBuilder } from "../sources/ingestion";
import { sourceSecrets } from "../sources/source-secrets";
import { sourceAlarms, usageAlarm } from "./alarms";
import { GlueJobSizing, gluePipeline } from "./glue-pipeline";
import { Orchestration, orchestration } from "./orchestration";
import { sourcePipeline } from "./source-pipeline";
import { warehouse, WarehouseCapacity } from "./warehouse";
import { SourceConfig, validateSource } from "../../functions/batch-warehouse/source-config";
import type { SourceDefinition } from "../../functions/sources/source-definition";

export interface ZoneRetention {
    /** Days objects are kept in each zone; 0 keeps them forever. */
    raw: number;
    processed: number;
    curated: number;
    rejected: number;
}

/** One declared source: its file's definition and the SourceConfig the transform and load use. */
export interface WarehouseSource {
    definition: SourceDefinition;
    config: SourceConfig;
}

/** How sources' data reaches the raw zone: the builder by type (components/sources) and what it may use. */
export interface SourceIngestionSettings {
    build: SourceIngestionBuilder;
    /** Streams the program creates, by the name `config.stream` uses (`stream-ingest`). */
    streams: Record<string, KnownStream>;
    /** Whether the private tier reaches the internet (a NAT). */
    internetEgress: boolean;
}

/** Sizing left out takes `batchWarehouseDefaults`: G.1X x 2 workers, 60 minutes, 8 RPU, 24 RPU-hours a day, then deactivate. */
export interface BatchWarehouseArgs extends Partial<GlueJobSizing>, Partial<WarehouseCapacity> {
    platform: PlatformContext;
    /** Every source the warehouse loads (at least one), validated here. */
    sources: WarehouseSource[];
    ingestion: SourceIngestionSettings;
    /**
     * The source whose resources carry the warehouse's own name (`${name}-raw`, `${name}-pipeline`):
     * the one it loaded before it loaded several, so their URNs stay. Others: `${name}-<source>-…`.
     * Default: none.
     */
    primarySource?: string;
    /** EventBridge Scheduler expression every source's load runs on. Default daily at 02:00 UTC. */
    schedule?: string;
    /** Retention per zone. Default raw 90, processed 365, curated forever, rejected 90 days. */
    retentionDays?: ZoneRetention;
    /** Execution inputs and outputs in the state machine's logs. Default false (keep it off in prod). */
    logExecutionData?: boolean;
    tags?: Record<string, string>;
}

/** Resource-name prefix of a source's own resources. */
export function sourceResourcePrefix(name: string, source: string, primarySource: string | undefined): string {
    return source === primarySource ? name : `${name}-${source.replace(/_/g, "-")}`;
}

export class BatchWarehouse extends pulumi.ComponentResource {
    /** The warehouse runner Lambda every state machine calls. */
    public readonly runner: Orchestration["runner"];
    public readonly zonesBucket: aws.s3.Bucket;
    /** The primary source's state machine (else the first source's). */
    public readonly stateMachine: aws.sfn.StateMachine;
    /** Each source's state machine, by source name. */
    public readonly stateMachines: Record<string, aws.sfn.StateMachine>;
    /** Each source's ingestion, by source name. */
    public readonly ingestions: Record<string, SourceIngestion>;
    public readonly secrets: Record<string, aws.secretsmanager.Secret>;
    public readonly workgroup: aws.redshiftserverless.Workgroup;
    public readonly runTopic: aws.sns.Topic;

    constructor(name: string, args: BatchWarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:pipeline:BatchWarehouse", name, {}, opts);
        const defaults = batchWarehouseDefaults;
        if (args.sources.length === 0) {
            throw new Error(`BatchWarehouse ${name}: no sources (declare one under sources/)`);
        }
        const sources = args.sources.map(source => ({ ...source, config: validateSource(source.config) }));
        const { platform } = args;
        const tags = args.tags ?? {};
        const retention = args.retentionDays ?? defaults.zoneRetentionDays;
        const prefixOf = (source: string) => sourceResourcePrefix(name, source, args.primarySource);

        // One bucket, one prefix per zone, each with its own lifecycle.
        const zones = new SecureBucket(
            `${name}-zones`,
            {
                encryptionKey: platform.encryptionKey,
                expiringPrefixes: (["raw", "processed", "curated", "rejected"] as const)
                    .filter(zone => retention[zone] > 0)
                    .map(zone => ({ prefix: `${zone}/`, days: retention[zone] }))
                    .concat([{ prefix: "tmp/", days: 7 }]),
                tags,
            },
            { parent: this },
        );
        this.zonesBucket = zones.bucket;

        // Each source's way into raw; its secrets exist once per name across sources.
        this.secrets = sourceSecrets(
            name,
            platform,
            sources.map(source => source.definition),
            tags,
            this,
        );
        this.ingestions = Object.fromEntries(
            sources.map(({ definition }) => [
                definition.name,
                args.ingestion.build(
                    prefixOf(definition.name),
                    {
                        platform,
                        source: definition,
                        rawZone: { bucket: zones.bucket, prefix: `raw/${definition.destination.prefix}` },
                        rejectedPrefix: `rejected/${definition.name}/`,
                        secrets: Object.fromEntries(definition.secrets.map(reference => [reference, this.secrets[reference]])),
                        streams: args.ingestion.streams,
                        internetEgress: args.ingestion.internetEgress,
                        tags,
                    },
                    this,
                ),
            ]),
        );
        const notifications = Object.values(this.ingestions).flatMap(ingestion => ingestion.zoneNotifications ?? []);
        if (notifications.length > 0) {
            // S3 keeps one notification configuration per bucket: every source's uploads in one.
            new aws.s3.BucketNotification(
                `${name}-zones-uploads`,
                {
                    bucket: zones.bucket.id,
                    lambdaFunctions: notifications.map(n => ({
                        lambdaFunctionArn: n.functionArn,
                        events: ["s3:ObjectCreated:*"],
                        filterPrefix: n.filterPrefix,
                        ...(n.filterSuffix ? { filterSuffix: n.filterSuffix } : {}),
                    })),
                },
                { parent: this, dependsOn: notifications.map(n => n.permission) },
            );
        }

        const jobSizing: GlueJobSizing = {
            workerType: args.workerType ?? defaults.workerType,
            numberOfWorkers: args.numberOfWorkers ?? defaults.numberOfWorkers,
            jobTimeoutMinutes: args.jobTimeoutMinutes ?? defaults.jobTimeoutMinutes,
        };
        const glue = gluePipeline(
            name,
            {
                platform,
                sources: sources.map(({ config }) => {
                    const raw = this.ingestions[config.name].raw;
                    return {
                        config,
                        resourcePrefix: prefixOf(config.name),
                        rawBucketArn: raw.bucket.arn,
                        rawBucketName: raw.bucket.bucket,
                        rawPrefix: raw.prefix,
                    };
                }),
                databaseName: args.primarySource ?? name,
                zonesBucket: zones.bucket,
                ...jobSizing,
                tags,
            },
            this,
        );
        const capacity: WarehouseCapacity = {
            baseCapacityRpu: args.baseCapacityRpu ?? defaults.baseCapacityRpu,
            usageLimitRpuHours: args.usageLimitRpuHours ?? defaults.usageLimitRpuHours,
            usageLimitPeriod: args.usageLimitPeriod ?? defaults.usageLimitPeriod,
            usageLimitBreachAction: args.usageLimitBreachAction ?? defaults.usageLimitBreachAction,
        };
        const store = warehouse(name, { platform, zonesBucket: zones.bucket, ...capacity, tags }, this);
        const shared = orchestration(
            name,
            { platform, sources: sources.map(source => source.config), zonesBucket: zones.bucket, warehouse: store, tags },
            this,
        );
        this.stateMachines = Object.fromEntries(
            sources.map(({ config }) => {
                const prefix = prefixOf(config.name);
                const sourceGlue = glue.bySource[config.name];
                const run = sourcePipeline(
                    prefix,
                    {
                        platform,
                        source: config,
                        glue: sourceGlue,
                        shared,
                        schedule: args.schedule ?? defaults.schedule,
                        jobTimeoutMinutes: jobSizing.jobTimeoutMinutes,
                        logExecutionData: args.logExecutionData ?? false,
                        tags,
                    },
                    this,
                );
                sourceAlarms(prefix, { platform, stateMachine: run.stateMachine, job: sourceGlue.job }, this);
                return [config.name, run.stateMachine];
            }),
        );
        usageAlarm(name, { platform, workgroup: store.workgroup, ...capacity }, this);

        this.stateMachine = this.stateMachines[args.primarySource ?? sources[0].config.name] ?? this.stateMachines[sources[0].config.name];
        this.workgroup = store.workgroup;
        this.runTopic = shared.topic;
        this.runner = shared.runner;
        this.registerOutputs({
            zonesBucketName: zones.bucket.bucket,
            stateMachineArn: this.stateMachine.arn,
            stateMachineArns: pulumi.output(
                Object.fromEntries(Object.entries(this.stateMachines).map(([source, machine]) => [source, machine.arn])),
            ),
            workgroupName: store.workgroup.workgroupName,
            runTopicArn: shared.topic.arn,
        });
    }
}
