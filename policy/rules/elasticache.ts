// ElastiCache Redis: TLS required, encrypted at rest, AUTH on, isolated subnets; failover and backups advised.
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { checkPlacement } from "../lib/subnets";

export const elastiCacheTransitEncryption: ResourceValidationPolicy = {
    name: "elasticache-transit-encryption",
    description: "Redis replication groups require TLS for every connection (cdk-nag AwsSolutions-AEC3, Security Hub ElastiCache.5).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "replicationGroup")) {
            return;
        }
        if (args.props.transitEncryptionEnabled !== true) {
            report(`replication group ${args.name} accepts connections without TLS`);
        } else if (args.props.transitEncryptionMode === "preferred") {
            report(`replication group ${args.name} still accepts plain connections: set transitEncryptionMode to required`);
        }
    },
};

export const elastiCacheAtRestEncryption: ResourceValidationPolicy = {
    name: "elasticache-at-rest-encryption",
    description:
        "Redis replication groups encrypt data at rest with a customer-managed KMS key (cdk-nag AwsSolutions-AEC3, Security Hub ElastiCache.4).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        if (!isKind(args.type, "replicationGroup")) {
            return;
        }
        // The provider turns at-rest encryption off for the redis engine unless asked.
        if (args.props.atRestEncryptionEnabled !== true) {
            report(`replication group ${args.name} does not encrypt data at rest`);
        } else if (!("kmsKeyId" in args.props)) {
            report(`replication group ${args.name} encrypts at rest with the AWS-managed key: name a customer-managed kmsKeyId`);
        }
    },
};

export const elastiCacheAuth: ResourceValidationPolicy = {
    name: "elasticache-auth",
    description:
        "Redis replication groups require clients to authenticate: an AUTH token or RBAC user groups (cdk-nag AwsSolutions-AEC6, Security Hub ElastiCache.6).",
    enforcementLevel: "mandatory",
    validateResource: (args, report) => {
        // Presence only: a generated token is unknown at preview (and secret).
        const authenticated = ["authToken", "authTokenWo", "userGroupIds"].some(property => property in args.props);
        if (isKind(args.type, "replicationGroup") && !authenticated) {
            report(`replication group ${args.name} lets any client in: set authToken (with TLS) or userGroupIds`);
        }
    },
};

export const elastiCacheInIsolatedSubnets: StackValidationPolicy = {
    name: "elasticache-in-isolated-subnets",
    description:
        "Redis replication groups live in a subnet group of this stack's isolated subnets (cdk-nag AwsSolutions-AEC1, Security Hub ElastiCache.7).",
    enforcementLevel: "mandatory",
    validateStack: (args, report) => {
        for (const group of args.resources.filter(resource => isKind(resource.type, "replicationGroup"))) {
            const subnetGroups = (group.propertyDependencies.subnetGroupName ?? []).filter(dependency =>
                isKind(dependency.type, "cacheSubnetGroup"),
            );
            if (subnetGroups.length === 0) {
                report(
                    `replication group ${group.name}: cannot verify its subnets: subnetGroupName depends on no subnet group of this stack`,
                    group.urn,
                );
            }
            for (const subnetGroup of subnetGroups) {
                checkPlacement(subnetGroup, "subnetIds", ["isolated"], (message, urn) =>
                    report(`replication group ${group.name}: ${message}`, urn ?? group.urn),
                );
            }
        }
    },
};

export const elastiCacheFailover: ResourceValidationPolicy = {
    name: "elasticache-failover",
    description: "Redis replication groups fail over automatically across AZs (cdk-nag AwsSolutions-AEC4, Security Hub ElastiCache.3).",
    // Advisory: a one-node development cache is a deliberate cost choice.
    enforcementLevel: "advisory",
    validateResource: (args, report) => {
        if (isKind(args.type, "replicationGroup") && (args.props.automaticFailoverEnabled !== true || args.props.multiAzEnabled !== true)) {
            report(`replication group ${args.name} has no automatic Multi-AZ failover`);
        }
    },
};

export const elastiCacheBackups: ResourceValidationPolicy = {
    name: "elasticache-backups",
    description: "Redis replication groups keep automatic snapshots (Security Hub ElastiCache.1).",
    enforcementLevel: "advisory",
    validateResource: (args, report) => {
        const retention = args.props.snapshotRetentionLimit;
        if (isKind(args.type, "replicationGroup") && !(typeof retention === "number" && retention > 0)) {
            report(`replication group ${args.name} keeps no automatic snapshots`);
        }
    },
};
