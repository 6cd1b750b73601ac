// RDS databases: encrypted, private, in isolated subnets, backed up, TLS forced.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { subnetPlacementPolicy } from "../lib/subnets";
import { isRecord, listOf } from "../lib/values";

export const rdsStorageEncrypted: ResourceValidationPolicy = {
    name: "rds-storage-encrypted",
    description: "RDS instances encrypt their storage (cdk-nag AwsSolutions-RDS2, Security Hub RDS.3); @pulumi/aws defaults to false.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (isKind(args.type, "rdsInstance") && args.props.storageEncrypted !== true) {
            report(`RDS instance ${args.name} does not encrypt its storage: set storageEncrypted (and kmsKeyId)`);
        }
    },
};

export const rdsNotPublic: ResourceValidationPolicy = {
    name: "rds-not-public",
    description: "RDS instances are not publicly accessible and sit in a subnet group of this VPC (Security Hub RDS.2, RDS.18).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "rdsInstance")) {
            return;
        }
        if (args.props.publiclyAccessible === true) {
            report(`RDS instance ${args.name} is publicly accessible`);
        }
        if (!("dbSubnetGroupName" in args.props) && !("replicateSourceDb" in args.props)) {
            report(`RDS instance ${args.name} has no dbSubnetGroupName: it would land in the default VPC`);
        }
    },
};

export const rdsBackupsEnabled: ResourceValidationPolicy = {
    name: "rds-backups-enabled",
    description:
        "RDS instances keep automated backups for at least a day (cdk-nag AwsSolutions-RDS13, Security Hub RDS.11); @pulumi/aws defaults to 0.",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "rdsInstance") || "replicateSourceDb" in args.props) {
            return;
        }
        const days = args.props.backupRetentionPeriod;
        if (typeof days !== "number" || days < 1) {
            report(`RDS instance ${args.name} has no automated backups: set backupRetentionPeriod (1-35)`);
        }
    },
};

export const rdsInIsolatedSubnets: StackValidationPolicy = subnetPlacementPolicy({
    name: "rds-in-isolated-subnets",
    description: "RDS subnet groups hold only isolated subnets of this stack: no route to or from the internet.",
    placements: { "aws:rds/subnetGroup:SubnetGroup": "subnetIds" },
    allowedTiers: ["isolated"],
});

const tlsForcingEngines = ["postgres", "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web"];

export const rdsTlsForced: StackValidationPolicy = {
    name: "rds-tls-forced",
    description: 'RDS PostgreSQL instances use a parameter group of this stack with rds.force_ssl = "1" (Security Hub RDS.38).',
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const instance of args.resources.filter(resource => isKind(resource.type, "rdsInstance"))) {
            if (!tlsForcingEngines.includes(String(instance.props.engine))) {
                continue;
            }
            const groups = (instance.propertyDependencies.parameterGroupName ?? []).filter(d => isKind(d.type, "rdsParameterGroup"));
            if (groups.length === 0) {
                report(`RDS instance ${instance.name} does not use a parameter group of this stack, so nothing forces TLS`, instance.urn);
                continue;
            }
            const forced = groups.some(group =>
                listOf(group.props.parameters)
                    .filter(isRecord)
                    .some(parameter => parameter.name === "rds.force_ssl" && String(parameter.value) === "1"),
            );
            if (!forced) {
                report(`RDS instance ${instance.name}: parameter group ${groups[0].name} does not set rds.force_ssl to 1`, instance.urn);
            }
        }
    },
};
