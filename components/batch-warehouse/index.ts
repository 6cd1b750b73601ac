// BatchWarehouse: raw, processed and curated zones in S3, a Glue crawler and PySpark job, Redshift
// Serverless loaded by COPY and one MERGE, orchestrated by a Step Functions state machine on a
// schedule. One instance per declared source (sources/<name>.json).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { batchWarehouseDefaults } from "../defaults/batch-warehouse-defaults";
import { PlatformContext } from "../platform-context";
import { SecureBucket } from "../secure-bucket";
import { warehouseAlarms } from "./alarms";
import { GlueJobSizing, gluePipeline } from "./glue-pipeline";
import { Orchestration, orchestration } from "./orchestration";
import { warehouse, WarehouseCapacity } from "./warehouse";
import { SourceConfig, validateSource } from "../../functions/batch-warehouse/source-config";

/** Where the raw events come from: StreamIngest's archive, or this component's own raw zone. */
export interface RawSource {
    bucket: aws.s3.Bucket;
    /** Prefix of the events, ending in "/" (Firehose writes year=/month=/day=/hour= under it). */
    prefix: string;
}

export interface ZoneRetention {
    /** Days objects are kept in each zone; 0 keeps them forever. */
    raw: number;
    processed: number;
    curated: number;
    rejected: number;
}

/** Sizing left out takes `batchWarehouseDefaults`: G.1X x 2 workers, 60 minutes, 8 RPU, 24 RPU-hours a day, then deactivate. */
export interface BatchWarehouseArgs extends Partial<GlueJobSizing>, Partial<WarehouseCapacity> {
    platform: PlatformContext;
    /** The source this pipeline loads (validated here). */
    source: SourceConfig;
    /** Default: the zone bucket's own `raw/events/`. StreamIngest passes its archive bucket and prefix. */
    rawSource?: RawSource;
    /** EventBridge Scheduler expression. Default daily at 02:00 UTC. */
    schedule?: string;
    /** Retention per zone. Default raw 90, processed 365, curated forever, rejected 90 days. */
    retentionDays?: ZoneRetention;
    /** Execution inputs and outputs in the state machine's logs. Default false (keep it off in prod). */
    logExecutionData?: boolean;
    tags?: Record<string, string>;
}

export class BatchWarehouse extends pulumi.ComponentResource {
    /** The warehouse runner Lambda the state machine calls. */
    public readonly runner: Orchestration["runner"];
    public readonly zonesBucket: aws.s3.Bucket;
    public readonly stateMachine: aws.sfn.StateMachine;
    public readonly workgroup: aws.redshiftserverless.Workgroup;
    public readonly runTopic: aws.sns.Topic;

    constructor(name: string, args: BatchWarehouseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:pipeline:BatchWarehouse", name, {}, opts);
        const defaults = batchWarehouseDefaults;
        const source = validateSource(args.source);
        const tags = args.tags ?? {};
        const retention = args.retentionDays ?? defaults.zoneRetentionDays;
        const rawPrefix = args.rawSource?.prefix ?? defaults.rawPrefix;
        if (!/^([A-Za-z0-9!_.*'()=-]+\/)+$/.test(rawPrefix)) {
            throw new Error(`BatchWarehouse ${name}: raw prefix ${JSON.stringify(rawPrefix)} must be folders ending in "/"`);
        }

        // One bucket, one prefix per zone, each with its own lifecycle.
        const zones = new SecureBucket(
            `${name}-zones`,
            {
                encryptionKey: args.platform.encryptionKey,
                expiringPrefixes: (["raw", "processed", "curated", "rejected"] as const)
                    .filter(zone => retention[zone] > 0)
                    .map(zone => ({ prefix: `${zone}/`, days: retention[zone] }))
                    .concat([{ prefix: "tmp/", days: 7 }]),
                tags,
            },
            { parent: this },
        );
        this.zonesBucket = zones.bucket;
        const rawBucket = args.rawSource?.bucket ?? zones.bucket;

        const workerType = args.workerType ?? defaults.workerType;
        const jobTimeoutMinutes = args.jobTimeoutMinutes ?? defaults.jobTimeoutMinutes;
        const glue = gluePipeline(
            name,
            {
                platform: args.platform,
                source,
                zonesBucket: zones.bucket,
                rawBucketArn: rawBucket.arn,
                rawBucketName: rawBucket.bucket,
                rawPrefix,
                workerType,
                numberOfWorkers: args.numberOfWorkers ?? defaults.numberOfWorkers,
                jobTimeoutMinutes,
                tags,
            },
            this,
        );
        const usageLimitRpuHours = args.usageLimitRpuHours ?? defaults.usageLimitRpuHours;
        const usageLimitPeriod = args.usageLimitPeriod ?? defaults.usageLimitPeriod;
        const store = warehouse(
            name,
            {
                platform: args.platform,
                zonesBucket: zones.bucket,
                baseCapacityRpu: args.baseCapacityRpu ?? defaults.baseCapacityRpu,
                usageLimitRpuHours,
                usageLimitPeriod,
                usageLimitBreachAction: args.usageLimitBreachAction ?? defaults.usageLimitBreachAction,
                tags,
            },
            this,
        );
        const runs = orchestration(
            name,
            {
                platform: args.platform,
                source,
                zonesBucket: zones.bucket,
                glue,
                warehouse: store,
                schedule: args.schedule ?? defaults.schedule,
                jobTimeoutMinutes,
                logExecutionData: args.logExecutionData ?? false,
                tags,
            },
            this,
        );
        warehouseAlarms(
            name,
            {
                platform: args.platform,
                stateMachine: runs.stateMachine,
                job: glue.job,
                workgroup: store.workgroup,
                usageLimitRpuHours,
                usageLimitPeriod,
            },
            this,
        );

        this.stateMachine = runs.stateMachine;
        this.workgroup = store.workgroup;
        this.runTopic = runs.topic;
        this.runner = runs.runner;
        this.registerOutputs({
            zonesBucketName: zones.bucket.bucket,
            stateMachineArn: runs.stateMachine.arn,
            workgroupName: store.workgroup.workgroupName,
            runTopicArn: runs.topic.arn,
        });
    }
}
