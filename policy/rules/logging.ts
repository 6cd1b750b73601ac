// Logs are kept for a finite, declared time.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";

export const logGroupRetention: ResourceValidationPolicy = {
    name: "log-group-retention",
    description: "Log groups declare a finite retention (cdk-nag CloudWatchLogGroupRetentionPeriod).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "logGroup")) {
            return;
        }
        const retention = args.props.retentionInDays;
        if (typeof retention !== "number" || retention <= 0) {
            report(`log group ${args.name} keeps logs forever: set retentionInDays`);
        }
    },
};
