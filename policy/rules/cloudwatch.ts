// CloudWatch: log groups encrypted with the stack's key and kept for a finite, declared time; alarms
// that notify someone.
import { resourceRule } from "../lib/rule";
import { knownOrUnknown, listOf, unknown } from "../lib/values";

export const logGroupEncrypted = resourceRule({
    name: "log-group-encrypted",
    description: "Log groups are encrypted with a customer-managed KMS key (cdk-nag CloudWatchLogGroupEncrypted).",
    enforcementLevel: "mandatory",
    anchors: ["NIST-CloudWatchLogGroupEncrypted"],
    kinds: ["logGroup"],
    check: (group, report) => {
        // Only presence is checked: the key ARN is unknown until the key exists.
        if (!("kmsKeyId" in group.props)) {
            report(`log group ${group.name} is not encrypted with a KMS key`);
        }
    },
});

export const logGroupRetention = resourceRule({
    name: "log-group-retention",
    description: "Log groups declare a finite retention (cdk-nag CloudWatchLogGroupRetentionPeriod).",
    enforcementLevel: "mandatory",
    anchors: ["NIST-CloudWatchLogGroupRetentionPeriod", "CloudWatch.16"],
    kinds: ["logGroup"],
    check: (group, report) => {
        const retention = group.props.retentionInDays;
        if (typeof retention !== "number" || retention <= 0) {
            report(`log group ${group.name} keeps logs forever: set retentionInDays`);
        }
    },
});

export const alarmHasActions = resourceRule({
    name: "alarm-has-actions",
    description:
        "Metric alarms notify someone: actions enabled and at least one alarm action (cdk-nag CloudWatchAlarmAction, Security Hub CloudWatch.15).",
    enforcementLevel: "mandatory",
    anchors: ["NIST-CloudWatchAlarmAction"],
    kinds: ["metricAlarm"],
    check: (alarm, report) => {
        // The topic ARN is unknown until the topic exists: present is enough.
        const actions = knownOrUnknown(() => alarm.props.alarmActions);
        if (alarm.props.actionsEnabled === false || (actions !== unknown && listOf(actions).length === 0)) {
            report(`alarm ${alarm.name} notifies no one: set alarmActions to the alarm topic and leave actionsEnabled on`);
        }
    },
});
