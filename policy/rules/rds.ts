// RDS databases: encrypted, private, in isolated subnets, backed up, TLS forced.
import { isKind } from "../lib/resource-types";
import { resourceRule, stackRule } from "../lib/rule";
import { subnetPlacementPolicy } from "../lib/subnets";
import { isRecord, listOf } from "../lib/values";

export const rdsStorageEncrypted = resourceRule({
    name: "rds-storage-encrypted",
    description: "RDS instances encrypt their storage (cdk-nag AwsSolutions-RDS2, Security Hub RDS.3); @pulumi/aws defaults to false.",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-RDS2", "RDS.3"],
    kinds: ["rdsInstance"],
    check: (instance, report) => {
        if (instance.props.storageEncrypted !== true) {
            report(`RDS instance ${instance.name} does not encrypt its storage: set storageEncrypted (and kmsKeyId)`);
        }
    },
});

export const rdsNotPublic = resourceRule({
    name: "rds-not-public",
    description: "RDS instances are not publicly accessible and sit in a subnet group of this VPC (Security Hub RDS.2, RDS.18).",
    enforcementLevel: "mandatory",
    anchors: ["NIST-RDSInstancePublicAccess", "RDS.2", "RDS.18"],
    kinds: ["rdsInstance"],
    check: (instance, report) => {
        if (instance.props.publiclyAccessible === true) {
            report(`RDS instance ${instance.name} is publicly accessible`);
        }
        if (!("dbSubnetGroupName" in instance.props) && !("replicateSourceDb" in instance.props)) {
            report(`RDS instance ${instance.name} has no dbSubnetGroupName: it would land in the default VPC`);
        }
    },
});

export const rdsBackupsEnabled = resourceRule({
    name: "rds-backups-enabled",
    description:
        "RDS instances keep automated backups for at least a day (cdk-nag AwsSolutions-RDS13, Security Hub RDS.11); @pulumi/aws defaults to 0.",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-RDS13", "RDS.11"],
    kinds: ["rdsInstance"],
    check: (instance, report) => {
        if ("replicateSourceDb" in instance.props) {
            return;
        }
        const days = instance.props.backupRetentionPeriod;
        if (typeof days !== "number" || days < 1) {
            report(`RDS instance ${instance.name} has no automated backups: set backupRetentionPeriod (1-35)`);
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

const tlsForcingEngines = ["postgres", "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web"];

export const rdsTlsForced = stackRule({
    name: "rds-tls-forced",
    description: 'RDS PostgreSQL instances use a parameter group of this stack with rds.force_ssl = "1" (Security Hub RDS.38).',
    enforcementLevel: "mandatory",
    anchors: ["RDS.38"],
    kinds: ["rdsInstance"],
    check: (instance, _resources, report) => {
        if (!tlsForcingEngines.includes(String(instance.props.engine))) {
            return;
        }
        const groups = (instance.propertyDependencies.parameterGroupName ?? []).filter(d => isKind(d.type, "rdsParameterGroup"));
        if (groups.length === 0) {
            report(`RDS instance ${instance.name} does not use a parameter group of this stack, so nothing forces TLS`);
            return;
        }
        const forced = groups.some(group =>
            listOf(group.props.parameters)
                .filter(isRecord)
                .some(parameter => parameter.name === "rds.force_ssl" && String(parameter.value) === "1"),
        );
        if (!forced) {
            report(`RDS instance ${instance.name}: parameter group ${groups[0].name} does not set rds.force_ssl to 1`);
        }
    },
});
