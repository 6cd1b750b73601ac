// BatchWarehouse alarms on the platform's alarm topic: executions failed, timed out or throttled,
// Glue job task failures, and the warehouse's usage limit reached.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { topicAlarm } from "../alarms";
import { PlatformContext } from "../platform-context";

export interface SourceAlarmArgs {
    platform: PlatformContext;
    stateMachine: aws.sfn.StateMachine;
    job: aws.glue.Job;
}

export interface UsageAlarmArgs {
    platform: PlatformContext;
    workgroup: aws.redshiftserverless.Workgroup;
    usageLimitRpuHours: number;
    usageLimitPeriod: "daily" | "weekly" | "monthly";
}

/** One source's run alarms: its executions failed, timed out or throttled, its Glue job's task failures. */
export function sourceAlarms(name: string, args: SourceAlarmArgs, parent: pulumi.Resource): aws.cloudwatch.MetricAlarm[] {
    const topic = args.platform.alarmTopicArn;
    const opts = { parent };
    const execution = (metricName: string, what: string) =>
        topicAlarm(
            `${name}-${metricName.toLowerCase()}`,
            {
                description: `BatchWarehouse ${name}: ${what}`,
                namespace: "AWS/States",
                metricName,
                dimensions: { StateMachineArn: args.stateMachine.arn },
                statistic: "Sum",
                threshold: 1,
                comparison: "GreaterThanOrEqualToThreshold",
            },
            topic,
            opts,
        );
    return [
        execution("ExecutionsFailed", "a pipeline run failed (the run topic has the step and reason)"),
        execution("ExecutionsTimedOut", "a pipeline run exceeded its time limit"),
        execution("ExecutionThrottled", "pipeline state transitions are being throttled"),
        topicAlarm(
            `${name}-glue-failures`,
            {
                description: `BatchWarehouse ${name}: Glue job tasks failed`,
                namespace: "Glue",
                metricName: "glue.driver.aggregate.numFailedTasks",
                dimensions: { JobName: args.job.name, JobRunId: "ALL", Type: "count" },
                statistic: "Sum",
                threshold: 1,
                comparison: "GreaterThanOrEqualToThreshold",
            },
            topic,
            opts,
        ),
    ];
}

/** The warehouse's usage limit reached. */
export function usageAlarm(name: string, args: UsageAlarmArgs, parent: pulumi.Resource): aws.cloudwatch.MetricAlarm {
    const topic = args.platform.alarmTopicArn;
    const opts = { parent };
    // The usage limit counts RPU-hours per period; ComputeSeconds counts RPU-seconds, so the alarm
    // fires at the limit over the limit's period (CloudWatch caps a period at one day).
    const periodDays = { daily: 1, weekly: 7, monthly: 30 }[args.usageLimitPeriod];
    return topicAlarm(
        `${name}-usage-limit`,
        {
            description: `BatchWarehouse ${name}: Redshift Serverless usage reached its limit of ${args.usageLimitRpuHours} RPU-hours per ${args.usageLimitPeriod} period`,
            namespace: "AWS/Redshift-Serverless",
            metricName: "ComputeSeconds",
            dimensions: { Workgroup: args.workgroup.workgroupName },
            statistic: "Sum",
            threshold: (args.usageLimitRpuHours * 3600) / periodDays,
            comparison: "GreaterThanOrEqualToThreshold",
            periodSeconds: 86400,
        },
        topic,
        opts,
    );
}
