// RDS resilience and hygiene, advised rather than enforced: Multi-AZ, deletion protection,
// enhanced monitoring, minor upgrades, a non-default admin name.
import { isKind } from "../lib/resource-types";
import { resourceRule } from "../lib/rule";
import { databaseLabel } from "./rds";

export const rdsMultiAz = resourceRule({
    name: "rds-multi-az",
    description: "RDS instances run Multi-AZ (cdk-nag AwsSolutions-RDS3, Security Hub RDS.5); Aurora spreads its storage by itself.",
    // Advisory: a single-AZ development database is a deliberate cost choice.
    enforcementLevel: "advisory",
    anchors: ["AwsSolutions-RDS3"],
    kinds: ["rdsInstance"],
    check: (instance, report) => {
        if (instance.props.multiAz !== true && !String(instance.props.engine).startsWith("aurora")) {
            report(`${databaseLabel(instance)} runs in one AZ: set multiAz to true`);
        }
    },
});

export const rdsDeletionProtection = resourceRule({
    name: "rds-deletion-protection",
    description: "RDS instances and Aurora clusters refuse deletion (cdk-nag AwsSolutions-RDS10, Security Hub RDS.8).",
    // Advisory: development stacks are meant to be torn down; prod turns it on.
    enforcementLevel: "advisory",
    anchors: ["AwsSolutions-RDS10"],
    kinds: ["rdsInstance", "rdsCluster"],
    check: (database, report) => {
        if (database.props.deletionProtection !== true) {
            report(`${databaseLabel(database)} can be deleted: set deletionProtection to true`);
        }
    },
});

export const rdsEnhancedMonitoring = resourceRule({
    name: "rds-enhanced-monitoring",
    description: "RDS instances report OS metrics through enhanced monitoring (Security Hub RDS.6).",
    enforcementLevel: "advisory",
    anchors: ["RDS.6"],
    kinds: ["rdsInstance", "rdsClusterInstance"],
    check: (instance, report) => {
        const interval = instance.props.monitoringInterval;
        if (!(typeof interval === "number" && interval > 0)) {
            report(`${databaseLabel(instance)} has no enhanced monitoring: set monitoringInterval (e.g. 60) and monitoringRoleArn`);
        }
    },
});

export const autoMinorVersionUpgrade = resourceRule({
    name: "auto-minor-version-upgrade",
    description:
        "Databases and caches take minor engine upgrades automatically (Security Hub RDS.13, ElastiCache.2); the provider's default is on, so only an explicit false is reported.",
    enforcementLevel: "advisory",
    anchors: ["RDS.13", "ElastiCache.2"],
    kinds: ["rdsInstance", "rdsClusterInstance", "replicationGroup"],
    check: (database, report) => {
        if (database.props.autoMinorVersionUpgrade === false) {
            report(
                `${isKind(database.type, "replicationGroup") ? `replication group ${database.name}` : databaseLabel(database)} refuses minor upgrades: set autoMinorVersionUpgrade to true`,
            );
        }
    },
});

const defaultAdmins = ["postgres", "admin", "root", "master", "sa"];

export const rdsCustomAdminName = resourceRule({
    name: "rds-custom-admin-name",
    description: "RDS instances and Aurora clusters do not use a default admin user name (Security Hub RDS.25).",
    enforcementLevel: "advisory",
    anchors: ["RDS.25"],
    kinds: ["rdsInstance", "rdsCluster"],
    check: (database, report) => {
        const user = database.props.username ?? database.props.masterUsername;
        if (typeof user === "string" && defaultAdmins.includes(user.toLowerCase())) {
            report(
                `${databaseLabel(database)} uses the default admin name ${user}: set ${"username" in database.props ? "username" : "masterUsername"} to another name`,
            );
        }
    },
});
