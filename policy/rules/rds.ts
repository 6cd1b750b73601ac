// RDS databases, instances and Aurora clusters alike: encrypted, private, in isolated subnets,
// backed up, TLS forced, logs exported, credentials managed by RDS.
import { PolicyResource } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { resourceRule, stackRule } from "../lib/rule";
import { subnetPlacementPolicy } from "../lib/subnets";
import { isRecord, listOf } from "../lib/values";

/** A database's label in messages: instance, Aurora cluster, or Aurora cluster instance. */
export function databaseLabel(database: { type: string; name: string }): string {
    const what = isKind(database.type, "rdsCluster")
        ? "Aurora cluster"
        : isKind(database.type, "rdsClusterInstance")
          ? "Aurora cluster instance"
          : "RDS instance";
    return `${what} ${database.name}`;
}

export const rdsStorageEncrypted = resourceRule({
    name: "rds-storage-encrypted",
    description:
        "RDS instances and Aurora clusters encrypt their storage (cdk-nag AwsSolutions-RDS2, Security Hub RDS.3); @pulumi/aws defaults to false.",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-RDS2", "RDS.3"],
    kinds: ["rdsInstance", "rdsCluster"],
    check: (database, report) => {
        if (database.props.storageEncrypted !== true && !("replicateSourceDb" in database.props)) {
            report(`${databaseLabel(database)} does not encrypt its storage: set storageEncrypted and kmsKeyId`);
        }
    },
});

export const rdsNotPublic = resourceRule({
    name: "rds-not-public",
    description:
        "RDS instances, Aurora clusters and cluster instances are not publicly accessible and sit in a subnet group of this VPC (Security Hub RDS.2, RDS.18).",
    enforcementLevel: "mandatory",
    anchors: ["NIST-RDSInstancePublicAccess", "RDS.2", "RDS.18"],
    kinds: ["rdsInstance", "rdsCluster", "rdsClusterInstance"],
    check: (database, report) => {
        if (database.props.publiclyAccessible === true) {
            report(`${databaseLabel(database)} is publicly accessible: set publiclyAccessible to false`);
        }
        const inheritsPlacement = isKind(database.type, "rdsClusterInstance") || "replicateSourceDb" in database.props;
        if (!inheritsPlacement && !("dbSubnetGroupName" in database.props)) {
            report(`${databaseLabel(database)} has no dbSubnetGroupName: it would land in the default VPC`);
        }
    },
});

export const rdsBackupsEnabled = resourceRule({
    name: "rds-backups-enabled",
    description:
        "RDS instances and Aurora clusters keep automated backups for at least a day (cdk-nag AwsSolutions-RDS13, Security Hub RDS.11); @pulumi/aws defaults instances to 0.",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-RDS13", "RDS.11"],
    kinds: ["rdsInstance", "rdsCluster"],
    check: (database, report) => {
        if ("replicateSourceDb" in database.props) {
            return;
        }
        const days = database.props.backupRetentionPeriod;
        // Aurora keeps one day unless told otherwise; an instance keeps none.
        const kept = typeof days === "number" ? days : isKind(database.type, "rdsCluster") ? 1 : 0;
        if (kept < 1) {
            report(`${databaseLabel(database)} has no automated backups: set backupRetentionPeriod (1-35)`);
        }
    },
});

export const rdsInIsolatedSubnets = subnetPlacementPolicy({
    name: "rds-in-isolated-subnets",
    anchors: [],
    description: "RDS subnet groups hold only isolated subnets of this stack: no route to or from the internet.",
    placements: { rdsSubnetGroup: "subnetIds" },
    allowedTiers: ["isolated"],
});

/** The TLS-forcing parameter of each engine family, with the value that forces it. */
const tlsParameters: [RegExp, string, string][] = [
    [/^(aurora-)?postgres(ql)?$/, "rds.force_ssl", "1"],
    [/^sqlserver-/, "rds.force_ssl", "1"],
    [/^(aurora-mysql|mysql|mariadb)$/, "require_secure_transport", "1"],
];

function groupsOf(database: PolicyResource): PolicyResource[] {
    const [property, kind] = isKind(database.type, "rdsCluster")
        ? (["dbClusterParameterGroupName", "rdsClusterParameterGroup"] as const)
        : (["parameterGroupName", "rdsParameterGroup"] as const);
    return (database.propertyDependencies[property] ?? []).filter(d => isKind(d.type, kind));
}

export const rdsTlsForced = stackRule({
    name: "rds-tls-forced",
    description:
        'RDS instances and Aurora clusters use a parameter group of this stack that forces TLS: rds.force_ssl = "1" for PostgreSQL and SQL Server, require_secure_transport = "1" for MySQL (Security Hub RDS.38).',
    enforcementLevel: "mandatory",
    anchors: ["RDS.38"],
    kinds: ["rdsInstance", "rdsCluster"],
    check: (database, _resources, report) => {
        const tls = tlsParameters.find(([engine]) => engine.test(String(database.props.engine)));
        if (tls === undefined || (isKind(database.type, "rdsInstance") && String(database.props.engine).startsWith("aurora"))) {
            return; // Aurora instances take TLS from their cluster's parameter group
        }
        const [, parameterName, value] = tls;
        const groups = groupsOf(database);
        if (groups.length === 0) {
            report(`${databaseLabel(database)} does not use a parameter group of this stack, so nothing forces TLS`);
            return;
        }
        const forced = groups.some(group =>
            listOf(group.props.parameters)
                .filter(isRecord)
                .some(parameter => parameter.name === parameterName && String(parameter.value).toLowerCase() === value),
        );
        if (!forced) {
            report(`${databaseLabel(database)}: parameter group ${groups[0].name} does not set ${parameterName} to ${value}`);
        }
    },
});

/** Log types each engine must export to CloudWatch Logs. */
function requiredLogs(engine: string): string[] {
    if (/postgres/.test(engine)) {
        return engine.startsWith("aurora") ? ["postgresql"] : ["postgresql", "upgrade"];
    }
    return /mysql|mariadb/.test(engine) ? ["error", "slowquery"] : [];
}

export const rdsLogsExported = resourceRule({
    name: "rds-logs-exported",
    description:
        "RDS instances and Aurora clusters export their engine logs to CloudWatch Logs (cdk-nag RDSLoggingEnabled, Security Hub RDS.9/RDS.36).",
    enforcementLevel: "mandatory",
    anchors: ["NIST-RDSLoggingEnabled"],
    kinds: ["rdsInstance", "rdsCluster"],
    check: (database, report) => {
        const engine = String(database.props.engine);
        if (isKind(database.type, "rdsInstance") && engine.startsWith("aurora")) {
            return; // the cluster exports
        }
        const exported = listOf(database.props.enabledCloudwatchLogsExports);
        const missing = requiredLogs(engine).filter(log => !exported.includes(log));
        if (missing.length > 0) {
            report(`${databaseLabel(database)} does not export ${missing.join(", ")} logs: add them to enabledCloudwatchLogsExports`);
        }
    },
});

export const rdsManagedCredentials = resourceRule({
    name: "rds-managed-credentials",
    description:
        "RDS instances and Aurora clusters keep the master password in an RDS-managed, rotating secret (manageMasterUserPassword), never in the program or its state.",
    enforcementLevel: "mandatory",
    anchors: ["x-rds-managed-password"],
    kinds: ["rdsInstance", "rdsCluster"],
    check: (database, report) => {
        const replica = "replicateSourceDb" in database.props || "snapshotIdentifier" in database.props;
        if (
            !replica &&
            database.props.manageMasterUserPassword !== true &&
            ("password" in database.props || "masterPassword" in database.props)
        ) {
            report(`${databaseLabel(database)} takes its master password from the program: set manageMasterUserPassword to true instead`);
        }
    },
});
