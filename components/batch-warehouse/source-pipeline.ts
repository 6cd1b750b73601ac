// One source's run in BatchWarehouse: its state machine (standard, logging ALL to an encrypted
// group, X-Ray, stack-key encryption) over its own crawler and job and the shared runner, and the
// EventBridge Scheduler schedule that starts it.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { batchWarehouseDefaults } from "../defaults/batch-warehouse-defaults";
import { encryptedLogGroupArgs } from "../defaults/log-defaults";
import { keyUseStatement, PolicyStatement } from "../iam";
import { PlatformContext } from "../platform-context";
import { stateMachineSchedule } from "../schedule";
import { serviceRole } from "../service-role";
import { warehouseDefinition } from "./state-machine-definition";
import type { SourceGlue } from "./glue-source";
import type { Orchestration } from "./orchestration";
import type { SourceConfig } from "../../functions/batch-warehouse/source-config";

export interface SourcePipelineArgs {
    platform: PlatformContext;
    source: SourceConfig;
    glue: SourceGlue;
    shared: Orchestration;
    schedule: string;
    jobTimeoutMinutes: number;
    /** Execution data (inputs, outputs) in the logs; off in prod. */
    logExecutionData: boolean;
    tags: Record<string, string>;
}

export interface SourcePipeline {
    stateMachine: aws.sfn.StateMachine;
    logGroup: aws.cloudwatch.LogGroup;
    schedule: aws.scheduler.Schedule;
}

/** Resources named `${name}-runs` (log group), `-states` (role), `-pipeline`, `-schedule`. */
export function sourcePipeline(name: string, args: SourcePipelineArgs, parent: pulumi.Resource): SourcePipeline {
    const { platform, tags } = args;
    const { runner, topic } = args.shared;
    const glue = args.glue;
    const child = { parent };
    const account = platform.accountId;
    const region = platform.region;
    const keyArn = platform.encryptionKey.arn;

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
    return { stateMachine, logGroup, schedule };
}
