// Orchestration of BatchWarehouse: the warehouse runner Lambda, the run-notification topic, the
// state machine (standard, logging ALL to an encrypted group, X-Ray, stack-key encryption) and the
// EventBridge Scheduler schedule that starts it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { batchWarehouseDefaults } from "../defaults/batch-warehouse-defaults";
import { encryptedLogGroupArgs } from "../defaults/log-defaults";
import { denyInsecureTransportPolicy, keyUseStatement, PolicyStatement } from "../iam";
import { InlineLambda } from "../inline-lambda";
import { PlatformContext } from "../platform-context";
import { stateMachineSchedule } from "../schedule";
import { serviceRole } from "../service-role";
import { warehouseDefinition } from "./state-machine-definition";
import type { GluePipeline } from "./glue-pipeline";
import type { Warehouse } from "./warehouse";
import { warehouseRunnerHandler } from "../../functions/batch-warehouse/lambda";
import type { RunnerEvent, LoadStarted } from "../../functions/batch-warehouse/handler";
import type { QualityVerdict } from "../../functions/batch-warehouse/quality";
import type { SourceConfig } from "../../functions/batch-warehouse/source-config";

export interface OrchestrationArgs {
    platform: PlatformContext;
    source: SourceConfig;
    zonesBucket: aws.s3.Bucket;
    glue: GluePipeline;
    warehouse: Warehouse;
    schedule: string;
    jobTimeoutMinutes: number;
    /** Execution data (inputs, outputs) in the logs; off in prod. */
    logExecutionData: boolean;
    tags: Record<string, string>;
}

export interface Orchestration {
    runner: InlineLambda<RunnerEvent, LoadStarted | QualityVerdict>;
    topic: aws.sns.Topic;
    stateMachine: aws.sfn.StateMachine;
    logGroup: aws.cloudwatch.LogGroup;
    schedule: aws.scheduler.Schedule;
}

export function orchestration(name: string, args: OrchestrationArgs, parent: pulumi.Resource): Orchestration {
    const { platform, warehouse, glue, tags } = args;
    const child = { parent };
    const account = platform.accountId;
    const region = platform.region;
    const keyArn = platform.encryptionKey.arn;

    platform.network.requireInterfaceEndpoints("redshift-data");
    const workgroupArn = warehouse.workgroup.arn;
    const runner = new InlineLambda<RunnerEvent, LoadStarted | QualityVerdict>(
        `${name}-runner`,
        {
            platform,
            description: `Starts BatchWarehouse ${args.source.name} loads and checks them through the Redshift Data API`,
            handlerFactory: warehouseRunnerHandler(args.source),
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

    const logGroup = new aws.cloudwatch.LogGroup(
        `${name}-runs`,
        encryptedLogGroupArgs(platform.encryptionKey, platform.logRetentionInDays, `/aws/vendedlogs/states/${name}-${pulumi.getStack()}`),
        child,
    );
    const glueArn = (kind: string, resourceName: pulumi.Input<string>) =>
        pulumi.interpolate`arn:aws:glue:${region}:${account}:${kind}/${resourceName}`;
    const statements: PolicyStatement[] = [
        { sid: "Crawl", actions: ["glue:StartCrawler", "glue:GetCrawler"], resources: [glueArn("crawler", glue.crawler.name)] },
        {
            sid: "RunJob",
            actions: ["glue:StartJobRun", "glue:GetJobRun", "glue:GetJobRuns", "glue:BatchStopJobRun"],
            resources: [glueArn("job", glue.job.name)],
        },
        { sid: "Runner", actions: ["lambda:InvokeFunction"], resources: [runner.function.arn] },
        { sid: "FollowLoad", actions: ["redshift-data:DescribeStatement"], resources: ["*"] },
        { sid: "Notify", actions: ["sns:Publish"], resources: [topic.arn] },
        {
            sid: "Logging",
            actions: [
                "logs:CreateLogDelivery",
                "logs:GetLogDelivery",
                "logs:UpdateLogDelivery",
                "logs:DeleteLogDelivery",
                "logs:ListLogDeliveries",
                "logs:PutResourcePolicy",
                "logs:DescribeResourcePolicies",
                "logs:DescribeLogGroups",
            ],
            resources: ["*"],
        },
        {
            sid: "Tracing",
            actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords", "xray:GetSamplingRules", "xray:GetSamplingTargets"],
            resources: ["*"],
        },
        keyUseStatement(keyArn),
    ];
    const { role, policy: rolePolicy } = serviceRole(
        `${name}-states`,
        { service: "states.amazonaws.com", accountId: account, statements, tags },
        child,
    );

    const definition = pulumi
        .all([glue.crawler.name, glue.job.name, runner.function.arn, topic.arn])
        .apply(([crawlerName, jobName, runnerFunctionArn, alertTopicArn]) =>
            JSON.stringify(
                warehouseDefinition({
                    sourceName: args.source.name,
                    crawlerName,
                    jobName,
                    runnerFunctionArn,
                    alertTopicArn,
                    crawlerPoll: batchWarehouseDefaults.crawlerPoll,
                    loadPoll: batchWarehouseDefaults.loadPoll,
                    jobTimeoutSeconds: args.jobTimeoutMinutes * 60 + 300,
                }),
            ),
        );
    const stateMachine = new aws.sfn.StateMachine(
        `${name}-pipeline`,
        {
            type: "STANDARD",
            roleArn: role.arn,
            definition,
            loggingConfiguration: {
                level: "ALL",
                includeExecutionData: args.logExecutionData,
                logDestination: pulumi.interpolate`${logGroup.arn}:*`,
            },
            tracingConfiguration: { enabled: true },
            encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: keyArn, kmsDataKeyReusePeriodSeconds: 300 },
            tags,
        },
        { parent, dependsOn: [rolePolicy] },
    );

    const schedule = stateMachineSchedule(
        name,
        {
            platform,
            expression: args.schedule,
            stateMachineArn: stateMachine.arn,
            input: JSON.stringify({ source: args.source.name }),
            targetName: `the ${args.source.name} pipeline`,
            tags,
        },
        parent,
    );
    return { runner, topic, stateMachine, logGroup, schedule };
}
