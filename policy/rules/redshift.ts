// Redshift, provisioned clusters and Serverless: private, encrypted with the stack's key, TLS
// required, enhanced VPC routing, audit logs; default names and maintenance advised.
import { PolicyResource } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { resourceRule, stackRule } from "../lib/rule";
import { subnetPlacementPolicy } from "../lib/subnets";
import { isRecord, knownOrUnknown, listOf } from "../lib/values";

export const redshiftNotPublic = resourceRule({
    name: "redshift-not-public",
    description:
        "Redshift clusters and Serverless workgroups are not publicly accessible and sit in subnets of this VPC (cdk-nag AwsSolutions-RS2/RS8, Security Hub Redshift.1, RedshiftServerless.3).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-RS2", "AwsSolutions-RS8", "RedshiftServerless.3"],
    kinds: ["redshiftCluster", "redshiftServerlessWorkgroup"],
    check: (warehouse, report) => {
        if (warehouse.props.publiclyAccessible === true) {
            report(`${warehouse.type} ${warehouse.name} is publicly accessible: set publiclyAccessible to false`);
        }
        const placement = isKind(warehouse.type, "redshiftCluster") ? "clusterSubnetGroupName" : "subnetIds";
        if (!(placement in warehouse.props)) {
            report(`${warehouse.type} ${warehouse.name} has no ${placement}: place it in the isolated subnets of this stack`);
        }
    },
});

export const redshiftInIsolatedSubnets = subnetPlacementPolicy({
    name: "redshift-in-isolated-subnets",
    description: "Redshift subnet groups and Serverless workgroups use only isolated subnets of this stack.",
    anchors: [],
    placements: { redshiftSubnetGroup: "subnetIds", redshiftServerlessWorkgroup: "subnetIds" },
    allowedTiers: ["isolated"],
});

export const redshiftEncryptedWithCmk = resourceRule({
    name: "redshift-encrypted-with-cmk",
    description:
        "Redshift clusters and Serverless namespaces encrypt with a customer-managed KMS key (cdk-nag AwsSolutions-RS6, Security Hub Redshift.10).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-RS6", "x-redshift-namespace-cmk"],
    kinds: ["redshiftCluster", "redshiftServerlessNamespace"],
    check: (warehouse, report) => {
        if (warehouse.props.encrypted === false) {
            report(`Redshift cluster ${warehouse.name} is not encrypted: set encrypted to true with kmsKeyId`);
        } else if (knownOrUnknown(() => warehouse.props.kmsKeyId) === undefined) {
            report(`${warehouse.type} ${warehouse.name} encrypts with an AWS-managed key: set kmsKeyId to the stack key`);
        }
    },
});

export const redshiftEnhancedVpcRouting = resourceRule({
    name: "redshift-enhanced-vpc-routing",
    description:
        "Redshift clusters and Serverless workgroups route COPY and UNLOAD traffic through the VPC (Security Hub Redshift.7, RedshiftServerless.1).",
    enforcementLevel: "mandatory",
    anchors: ["Redshift.7", "RedshiftServerless.1"],
    kinds: ["redshiftCluster", "redshiftServerlessWorkgroup"],
    check: (warehouse, report) => {
        if (warehouse.props.enhancedVpcRouting !== true) {
            report(`${warehouse.type} ${warehouse.name} sends COPY/UNLOAD traffic outside the VPC: set enhancedVpcRouting to true`);
        }
    },
});

/** Parameters of the cluster's parameter groups of this stack, by name. */
function clusterParameters(cluster: PolicyResource): Map<string, string> | undefined {
    const groups = (cluster.propertyDependencies.clusterParameterGroupName ?? []).filter(d => isKind(d.type, "redshiftParameterGroup"));
    if (groups.length === 0) {
        return undefined;
    }
    const parameters = groups.flatMap(group => listOf(group.props.parameters));
    return parameterMap(parameters, "name", "value");
}

function workgroupParameters(workgroup: PolicyResource): Map<string, string> {
    return parameterMap(listOf(workgroup.props.configParameters), "parameterKey", "parameterValue");
}

/** A list of `{ <key>: name, <value>: value }` records as a map (entries that are not records are left out). */
function parameterMap(list: unknown[], key: string, value: string): Map<string, string> {
    return new Map(list.filter(isRecord).map(parameter => [String(parameter[key]), String(parameter[value])]));
}

export const redshiftTlsRequired = stackRule({
    name: "redshift-tls-required",
    description:
        "Redshift requires TLS: require_ssl \"true\" in the cluster's parameter group or the workgroup's configParameters (cdk-nag AwsSolutions-RS1, Security Hub Redshift.2, RedshiftServerless.2).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-RS1", "RedshiftServerless.2"],
    kinds: ["redshiftCluster", "redshiftServerlessWorkgroup"],
    check: (warehouse, _resources, report) => {
        const cluster = isKind(warehouse.type, "redshiftCluster");
        const parameters = cluster ? clusterParameters(warehouse) : workgroupParameters(warehouse);
        if (parameters?.get("require_ssl") !== "true") {
            report(
                cluster
                    ? `Redshift cluster ${warehouse.name} accepts plain connections: give it a parameter group of this stack with require_ssl "true"`
                    : `Redshift workgroup ${warehouse.name} accepts plain connections: add configParameters { parameterKey: "require_ssl", parameterValue: "true" }`,
            );
        }
    },
});

const auditLogs = ["userlog", "connectionlog", "useractivitylog"];

export const redshiftAuditLogging = stackRule({
    name: "redshift-audit-logging",
    description:
        "Redshift keeps audit logs: clusters have aws.redshift.Logging and enable_user_activity_logging, Serverless namespaces export userlog, connectionlog and useractivitylog (cdk-nag AwsSolutions-RS5/RS11, Security Hub Redshift.4, RedshiftServerless.6).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-RS5", "AwsSolutions-RS11", "RedshiftServerless.6"],
    kinds: ["redshiftCluster", "redshiftServerlessNamespace"],
    check: (warehouse, resources, report) => {
        if (isKind(warehouse.type, "redshiftServerlessNamespace")) {
            const exported = listOf(warehouse.props.logExports);
            const missing = auditLogs.filter(log => !exported.includes(log));
            if (missing.length > 0) {
                report(`Redshift namespace ${warehouse.name} does not export ${missing.join(", ")}: add them to logExports`);
            }
            return;
        }
        const logging = resources.filter(
            r => isKind(r.type, "redshiftLogging") && (r.propertyDependencies.clusterIdentifier ?? []).some(d => d.urn === warehouse.urn),
        );
        if (logging.length === 0) {
            report(`Redshift cluster ${warehouse.name} keeps no audit log: add aws.redshift.Logging for its clusterIdentifier`);
        }
        if (clusterParameters(warehouse)?.get("enable_user_activity_logging") !== "true") {
            report(
                `Redshift cluster ${warehouse.name} does not log user activity: set enable_user_activity_logging "true" in its parameter group`,
            );
        }
    },
});

/** The same admin settings under the names a provisioned cluster and a Serverless namespace give them. */
const clusterAdminProps = { user: "masterUsername", database: "databaseName", managedPassword: "manageMasterPassword" };
const namespaceAdminProps = { user: "adminUsername", database: "dbName", managedPassword: "manageAdminPassword" };

export const redshiftNonDefaultNames = resourceRule({
    name: "redshift-non-default-names",
    description:
        "Redshift admin users and databases are not named awsuser/admin or dev, and admin passwords are managed by Redshift (cdk-nag AwsSolutions-RS3, Security Hub Redshift.8/.9, RedshiftServerless.5/.7).",
    enforcementLevel: "advisory",
    anchors: ["AwsSolutions-RS3", "Redshift.9", "RedshiftServerless.5"],
    kinds: ["redshiftCluster", "redshiftServerlessNamespace"],
    check: (warehouse, report) => {
        const names = isKind(warehouse.type, "redshiftCluster") ? clusterAdminProps : namespaceAdminProps;
        const user = warehouse.props[names.user];
        const database = warehouse.props[names.database];
        const subject = `${warehouse.type} ${warehouse.name}`;
        if (user === undefined || user === "awsuser" || user === "admin") {
            report(`${subject} uses the default admin user name: set ${names.user}`);
        }
        if (database === undefined || database === "dev") {
            report(`${subject} uses the default database name dev: set ${names.database}`);
        }
        if (warehouse.props[names.managedPassword] !== true) {
            report(`${subject} takes its admin password from the program: set ${names.managedPassword}`);
        }
    },
});

export const redshiftMaintenance = resourceRule({
    name: "redshift-maintenance",
    description:
        "Redshift clusters take version upgrades and keep automated snapshots (cdk-nag AwsSolutions-RS9/RS10, Security Hub Redshift.6/.3).",
    enforcementLevel: "advisory",
    anchors: ["AwsSolutions-RS9", "AwsSolutions-RS10"],
    kinds: ["redshiftCluster"],
    check: (cluster, report) => {
        if (cluster.props.allowVersionUpgrade === false) {
            report(`Redshift cluster ${cluster.name} refuses version upgrades: set allowVersionUpgrade to true`);
        }
        if (cluster.props.automatedSnapshotRetentionPeriod === 0) {
            report(`Redshift cluster ${cluster.name} keeps no automated snapshots: set automatedSnapshotRetentionPeriod to 1 or more`);
        }
    },
});
