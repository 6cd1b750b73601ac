// One source's Glue resources: a crawler on its raw prefix and a job running the shared script with
// the source's own config (and so its own bookmarks). The role, catalog, connection and security
// configuration they use are the warehouse's (glue-pipeline.ts).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { batchWarehouseDefaults, crawlerSchemaChangePolicy } from "../defaults/batch-warehouse-defaults";
import type { GlueJobSizing } from "./glue-pipeline";
import type { SourceConfig } from "../../functions/batch-warehouse/source-config";

/** One source's part of the Glue pipeline: its raw location and the names its resources take. */
export interface GlueSource {
    config: SourceConfig;
    /** Resource-name prefix of the source's crawler and job (`${name}-raw`, `${name}-transform`). */
    resourcePrefix: string;
    /** s3://bucket/prefix/ the source's crawler and job read. */
    rawBucketArn: pulumi.Input<string>;
    rawBucketName: pulumi.Input<string>;
    rawPrefix: string;
}

export interface SourceGlue {
    crawler: aws.glue.Crawler;
    job: aws.glue.Job;
}

export interface SourceGlueArgs extends GlueJobSizing {
    zonesBucket: aws.s3.Bucket;
    /** The warehouse's first source: its tables keep their names, the others' carry the source's. */
    first: boolean;
    tags: Record<string, string>;
}

/** Glue's name of a source's job (its bookmarks are per job). */
export function jobName(source: GlueSource): string {
    return `${source.resourcePrefix}-${pulumi.getStack()}`;
}

export interface SharedGlue {
    role: aws.iam.Role;
    database: aws.glue.CatalogDatabase;
    connection: aws.glue.Connection;
    securityConfiguration: aws.glue.SecurityConfiguration;
    scriptLocation: pulumi.Output<string>;
    extraPyFiles: pulumi.Output<string>;
    uploads: aws.s3.BucketObjectv2[];
}

/** A source's crawler on its raw prefix and its job (same script, its own config and bookmarks). */
export function sourceGlue(source: GlueSource, args: SourceGlueArgs, shared: SharedGlue, parent: pulumi.Resource): SourceGlue {
    const { zonesBucket, tags } = args;
    const prefix = source.resourcePrefix;
    const rawPath = pulumi.interpolate`s3://${source.rawBucketName}/${source.rawPrefix}`;
    const crawler = new aws.glue.Crawler(
        `${prefix}-raw`,
        {
            name: `${prefix}-${pulumi.getStack()}-raw`,
            databaseName: shared.database.name,
            role: shared.role.arn,
            s3Targets: [{ path: rawPath, connectionName: shared.connection.name }],
            // The first source's tables keep their names; the others' carry the source's.
            ...(args.first ? {} : { tablePrefix: `${source.config.name}_` }),
            schemaChangePolicy: crawlerSchemaChangePolicy,
            securityConfiguration: shared.securityConfiguration.name,
            tags,
        },
        { parent },
    );
    const job = new aws.glue.Job(
        `${prefix}-transform`,
        {
            name: jobName(source),
            roleArn: shared.role.arn,
            glueVersion: batchWarehouseDefaults.glueVersion,
            command: { name: "glueetl", pythonVersion: "3", scriptLocation: shared.scriptLocation },
            workerType: args.workerType,
            numberOfWorkers: args.numberOfWorkers,
            timeout: args.jobTimeoutMinutes,
            maxRetries: 0, // the state machine decides about retries
            executionProperty: { maxConcurrentRuns: 1 },
            securityConfiguration: shared.securityConfiguration.name,
            connections: [shared.connection.name],
            defaultArguments: {
                "--job-bookmark-option": "job-bookmark-enable",
                "--extra-py-files": shared.extraPyFiles,
                "--source_config": JSON.stringify(source.config),
                "--raw_path": rawPath,
                "--processed_root": pulumi.interpolate`s3://${zonesBucket.bucket}/processed`,
                "--rejected_root": pulumi.interpolate`s3://${zonesBucket.bucket}/rejected`,
                "--TempDir": pulumi.interpolate`s3://${zonesBucket.bucket}/tmp/glue/`,
                "--enable-metrics": "true",
                "--enable-continuous-cloudwatch-log": "true",
            },
            tags,
        },
        { parent, dependsOn: shared.uploads },
    );
    return { crawler, job };
}
