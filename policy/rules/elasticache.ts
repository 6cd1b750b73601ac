// ElastiCache Redis: TLS required, encrypted at rest, AUTH on, isolated subnets; failover and backups advised.
import { isKind } from "../lib/resource-types";
import { resourceRule, stackRule } from "../lib/rule";
import { checkPlacement } from "../lib/subnets";

export const elastiCacheTransitEncryption = resourceRule({
    name: "elasticache-transit-encryption",
    description: "Redis replication groups require TLS for every connection (cdk-nag AwsSolutions-AEC3, Security Hub ElastiCache.5).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-AEC3", "ElastiCache.5"],
    kinds: ["replicationGroup"],
    check: (group, report) => {
        if (group.props.transitEncryptionEnabled !== true) {
            report(`replication group ${group.name} accepts connections without TLS`);
        } else if (group.props.transitEncryptionMode === "preferred") {
            report(`replication group ${group.name} still accepts plain connections: set transitEncryptionMode to required`);
        }
    },
});

export const elastiCacheAtRestEncryption = resourceRule({
    name: "elasticache-at-rest-encryption",
    description:
        "Redis replication groups encrypt data at rest with a customer-managed KMS key (cdk-nag AwsSolutions-AEC3, Security Hub ElastiCache.4).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-AEC3", "ElastiCache.4"],
    kinds: ["replicationGroup"],
    check: (group, report) => {
        // The provider turns at-rest encryption off for the redis engine unless asked.
        if (group.props.atRestEncryptionEnabled !== true) {
            report(`replication group ${group.name} does not encrypt data at rest`);
        } else if (!("kmsKeyId" in group.props)) {
            report(`replication group ${group.name} encrypts at rest with the AWS-managed key: name a customer-managed kmsKeyId`);
        }
    },
});

export const elastiCacheAuth = resourceRule({
    name: "elasticache-auth",
    description:
        "Redis replication groups require clients to authenticate: an AUTH token or RBAC user groups (cdk-nag AwsSolutions-AEC6, Security Hub ElastiCache.6).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-AEC6", "ElastiCache.6"],
    kinds: ["replicationGroup"],
    check: (group, report) => {
        // Presence only: a generated token is unknown at preview (and secret).
        const authenticated = ["authToken", "authTokenWo", "userGroupIds"].some(property => property in group.props);
        if (!authenticated) {
            report(`replication group ${group.name} lets any client in: set authToken (with TLS) or userGroupIds`);
        }
    },
});

export const elastiCacheInIsolatedSubnets = stackRule({
    name: "elasticache-in-isolated-subnets",
    description:
        "Redis replication groups live in a subnet group of this stack's isolated subnets (cdk-nag AwsSolutions-AEC1, Security Hub ElastiCache.7).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-AEC1", "ElastiCache.7"],
    kinds: ["replicationGroup"],
    check: (group, _resources, report) => {
        const subnetGroups = (group.propertyDependencies.subnetGroupName ?? []).filter(dependency =>
            isKind(dependency.type, "cacheSubnetGroup"),
        );
        if (subnetGroups.length === 0) {
            report(`replication group ${group.name}: cannot verify its subnets: subnetGroupName depends on no subnet group of this stack`);
        }
        for (const subnetGroup of subnetGroups) {
            checkPlacement(subnetGroup, "subnetIds", ["isolated"], (message, urn) =>
                report(`replication group ${group.name}: ${message}`, urn ?? group.urn),
            );
        }
    },
});

export const elastiCacheFailover = resourceRule({
    name: "elasticache-failover",
    description: "Redis replication groups fail over automatically across AZs (cdk-nag AwsSolutions-AEC4, Security Hub ElastiCache.3).",
    // Advisory: a one-node development cache is a deliberate cost choice.
    enforcementLevel: "advisory",
    anchors: ["AwsSolutions-AEC4", "ElastiCache.3"],
    kinds: ["replicationGroup"],
    check: (group, report) => {
        if (group.props.automaticFailoverEnabled !== true || group.props.multiAzEnabled !== true) {
            report(`replication group ${group.name} has no automatic Multi-AZ failover`);
        }
    },
});

export const elastiCacheBackups = resourceRule({
    name: "elasticache-backups",
    description: "Redis replication groups keep automatic snapshots (Security Hub ElastiCache.1).",
    enforcementLevel: "advisory",
    anchors: ["ElastiCache.1"],
    kinds: ["replicationGroup"],
    check: (group, report) => {
        const retention = group.props.snapshotRetentionLimit;
        if (!(typeof retention === "number" && retention > 0)) {
            report(`replication group ${group.name} keeps no automatic snapshots`);
        }
    },
});
