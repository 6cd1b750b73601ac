// CloudWatch alarms that notify the platform's alarm topic, in one shape for every component.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface AlarmSpec {
    description: string;
    namespace: string;
    metricName: string;
    dimensions: Record<string, pulumi.Input<string>>;
    statistic: "Sum" | "Average" | "Maximum" | "Minimum";
    threshold: number;
    comparison: "GreaterThanOrEqualToThreshold" | "GreaterThanThreshold" | "LessThanOrEqualToThreshold" | "LessThanThreshold";
    /** Evaluation period in seconds. Default 300. */
    periodSeconds?: number;
    /** Consecutive breaching periods before the alarm fires. Default 1. */
    evaluationPeriods?: number;
}

/** An alarm that notifies the topic when it fires and when it recovers; missing data is not a breach. */
export function topicAlarm(
    name: string,
    spec: AlarmSpec,
    alarmTopicArn: pulumi.Input<string>,
    opts: pulumi.CustomResourceOptions,
): aws.cloudwatch.MetricAlarm {
    return new aws.cloudwatch.MetricAlarm(
        name,
        {
            alarmDescription: spec.description,
            namespace: spec.namespace,
            metricName: spec.metricName,
            dimensions: spec.dimensions,
            statistic: spec.statistic,
            threshold: spec.threshold,
            comparisonOperator: spec.comparison,
            period: spec.periodSeconds ?? 300,
            evaluationPeriods: spec.evaluationPeriods ?? 1,
            treatMissingData: "notBreaching",
            actionsEnabled: true,
            alarmActions: [alarmTopicArn],
            okActions: [alarmTopicArn],
        },
        opts,
    );
}
