// What every source's state machine shares (source-pipeline.ts builds those): the warehouse runner
// Lambda, which loads and checks any declared source, and the run-notification topic.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { batchWarehouseDefaults } from "../defaults/batch-warehouse-defaults";
import { denyInsecureTransportPolicy } from "../iam";
import { InlineLambda } from "../inline-lambda";
import { PlatformContext } from "../platform-context";
import type { Warehouse } from "./warehouse";
import { warehouseRunnerHandler } from "../../functions/batch-warehouse/lambda";
import type { RunnerEvent, LoadAnswer } from "../../functions/batch-warehouse/handler";
import type { QualityVerdict } from "../../functions/batch-warehouse/quality";
import type { SourceConfig } from "../../functions/batch-warehouse/source-config";

export interface OrchestrationArgs {
    platform: PlatformContext;
    /** Every source the runner may be asked to load, by its name in the event. */
    sources: SourceConfig[];
    zonesBucket: aws.s3.Bucket;
    warehouse: Warehouse;
    tags: Record<string, string>;
}

export interface Orchestration {
    runner: InlineLambda<RunnerEvent, LoadAnswer | QualityVerdict>;
    topic: aws.sns.Topic;
}

export function orchestration(name: string, args: OrchestrationArgs, parent: pulumi.Resource): Orchestration {
    const { platform, warehouse, tags } = args;
    const child = { parent };
    const keyArn = platform.encryptionKey.arn;

    platform.network.requireInterfaceEndpoints("redshift-data");
    const workgroupArn = warehouse.workgroup.arn;
    const runner = new InlineLambda<RunnerEvent, LoadAnswer | QualityVerdict>(
        `${name}-runner`,
        {
            platform,
            description: `Starts BatchWarehouse loads (${args.sources.map(source => source.name).join(", ")}) and checks them through the Redshift Data API`,
            handlerFactory: warehouseRunnerHandler(args.sources),
            packages: [...batchWarehouseDefaults.runnerPackages],
            permissions: [
                {
                    sid: "RunStatements",
                    actions: ["redshift-data:ExecuteStatement", "redshift-data:BatchExecuteStatement"],
                    resources: [workgroupArn],
                },
                {
                    sid: "FollowStatements",
                    actions: ["redshift-data:DescribeStatement", "redshift-data:GetStatementResult"],
                    resources: ["*"],
                },
                {
                    // Whether a load wrote any Parquet: a run with no new files loads nothing.
                    sid: "ListLoadPrefixes",
                    actions: ["s3:ListBucket"],
                    resources: [args.zonesBucket.arn],
                    condition: { StringLike: { "s3:prefix": ["processed/*"] } },
                },
                { sid: "WarehouseCredentials", actions: ["redshift-serverless:GetCredentials"], resources: [workgroupArn] },
            ],
            securityGroup: platform.network.clientSecurityGroup(`${name}-runner`, `${name}: the warehouse runner Lambda`),
            invocation: { kind: "sync" },
            environment: {
                WAREHOUSE_WORKGROUP: warehouse.workgroup.workgroupName,
                WAREHOUSE_DATABASE: warehouse.databaseName,
                PROCESSED_ROOT: pulumi.interpolate`s3://${args.zonesBucket.bucket}/processed`,
                COPY_ROLE_ARN: warehouse.copyRole.arn,
            },
            timeoutSeconds: 300,
            tags,
        },
        child,
    );

    const topic = new aws.sns.Topic(`${name}-runs`, { kmsMasterKeyId: keyArn, tags }, child);
    new aws.sns.TopicPolicy(
        `${name}-runs`,
        { arn: topic.arn, policy: pulumi.jsonStringify(denyInsecureTransportPolicy("sns:Publish", topic.arn)) },
        child,
    );

    return { runner, topic };
}
