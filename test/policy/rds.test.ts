import { expect } from "chai";
import { rdsBackupsEnabled, rdsInIsolatedSubnets, rdsNotPublic, rdsStorageEncrypted, rdsTlsForced } from "../../policy/rules/rds";
import { check, resource, unknownAtPreview } from "../support/policy";
import { rdsLogsExported, rdsManagedCredentials } from "../../policy/rules/rds";
import {
    autoMinorVersionUpgrade,
    rdsCustomAdminName,
    rdsDeletionProtection,
    rdsEnhancedMonitoring,
    rdsMultiAz,
} from "../../policy/rules/rds-operations";
import { describeRule } from "../support/rule-cases";

const secureInstance = {
    engine: "postgres",
    storageEncrypted: true,
    kmsKeyId: unknownAtPreview,
    publiclyAccessible: false,
    dbSubnetGroupName: unknownAtPreview,
    parameterGroupName: unknownAtPreview,
    backupRetentionPeriod: 7,
};

const subnet = (name: string, tier: string) =>
    resource("aws:ec2/subnet:Subnet", name, { mapPublicIpOnLaunch: tier === "public", tags: { "dataplatform:tier": tier } });

describe("policy: rds-storage-encrypted, rds-not-public, rds-backups-enabled", () => {
    it("pass an encrypted private instance with backups whose key, subnet group and parameter group are unknown at preview", async () => {
        const db = resource("aws:rds/instance:Instance", "db", secureInstance);
        expect(await check([rdsStorageEncrypted, rdsNotPublic, rdsBackupsEnabled], db)).to.deep.equal([]);
    });

    it("report @pulumi/aws's defaults: unencrypted, no subnet group, no backups; and a public instance", async () => {
        const defaults = resource("aws:rds/instance:Instance", "defaults", { engine: "postgres" });
        const open = resource("aws:rds/instance:Instance", "open", {
            ...secureInstance,
            publiclyAccessible: true,
            backupRetentionPeriod: 0,
        });
        const violations = await check([rdsStorageEncrypted, rdsNotPublic, rdsBackupsEnabled], defaults, open);
        expect(violations.map(v => [v.policy, v.urn.split("::").pop(), v.level])).to.deep.equal([
            ["rds-storage-encrypted", "defaults", "mandatory"],
            ["rds-not-public", "defaults", "mandatory"],
            ["rds-not-public", "open", "mandatory"],
            ["rds-backups-enabled", "defaults", "mandatory"],
            ["rds-backups-enabled", "open", "mandatory"],
        ]);
        expect(violations[1].message).to.equal("RDS instance defaults has no dbSubnetGroupName: it would land in the default VPC");
        expect(violations[2].message).to.equal("RDS instance open is publicly accessible: set publiclyAccessible to false");
    });
});

describe("policy: rds-in-isolated-subnets", () => {
    it("passes a subnet group whose subnets are isolated subnets of this stack", async () => {
        const subnets = [subnet("i1", "isolated"), subnet("i2", "isolated")];
        const group = resource(
            "aws:rds/subnetGroup:SubnetGroup",
            "db",
            { subnetIds: unknownAtPreview },
            { propertyDependencies: { subnetIds: subnets } },
        );
        expect(await check([rdsInIsolatedSubnets], group, ...subnets)).to.deep.equal([]);
    });

    it("reports private and public subnets, and subnet ids that come from outside the stack", async () => {
        const mixed = [subnet("i1", "isolated"), subnet("p1", "private"), subnet("pub", "public")];
        const group = resource(
            "aws:rds/subnetGroup:SubnetGroup",
            "mixed",
            { subnetIds: unknownAtPreview },
            { propertyDependencies: { subnetIds: mixed } },
        );
        const literal = resource("aws:rds/subnetGroup:SubnetGroup", "literal", { subnetIds: ["subnet-123", "subnet-456"] });
        const violations = await check([rdsInIsolatedSubnets], group, literal, ...mixed);
        expect(violations.map(v => v.message)).to.deep.equal([
            "aws:rds/subnetGroup:SubnetGroup mixed is placed in subnet p1 of tier private; allowed: isolated",
            "aws:rds/subnetGroup:SubnetGroup mixed is placed in subnet pub, which assigns public IPs",
            "aws:rds/subnetGroup:SubnetGroup literal: cannot verify its subnets: subnetIds depends on no subnet of this stack",
        ]);
        expect(violations.every(v => v.level === "mandatory")).to.equal(true);
    });
});

describe("policy: rds-tls-forced", () => {
    const forcing = resource("aws:rds/parameterGroup:ParameterGroup", "tls", {
        family: "postgres17",
        parameters: [{ name: "rds.force_ssl", value: "1" }],
    });

    it("passes a PostgreSQL instance on a parameter group of this stack that forces TLS, and skips engines without a TLS parameter (Oracle uses an option group)", async () => {
        const db = resource("aws:rds/instance:Instance", "db", secureInstance, { propertyDependencies: { parameterGroupName: [forcing] } });
        const oracle = resource("aws:rds/instance:Instance", "oracle", { ...secureInstance, engine: "oracle-ee" });
        expect(await check([rdsTlsForced], db, oracle, forcing)).to.deep.equal([]);
    });

    it("reports the default parameter group and a group that leaves rds.force_ssl at 0", async () => {
        const lax = resource("aws:rds/parameterGroup:ParameterGroup", "lax", {
            family: "postgres17",
            parameters: [{ name: "rds.force_ssl", value: "0" }],
        });
        const onDefault = resource("aws:rds/instance:Instance", "on-default", {
            ...secureInstance,
            parameterGroupName: "default.postgres17",
        });
        const onLax = resource("aws:rds/instance:Instance", "on-lax", secureInstance, {
            propertyDependencies: { parameterGroupName: [lax] },
        });
        const violations = await check([rdsTlsForced], onDefault, onLax, lax);
        expect(violations.map(v => [v.urn, v.level, v.message])).to.deep.equal([
            [onDefault.urn, "mandatory", "RDS instance on-default does not use a parameter group of this stack, so nothing forces TLS"],
            [onLax.urn, "mandatory", "RDS instance on-lax: parameter group lax does not set rds.force_ssl to 1"],
        ]);
    });
});

const clusterType = "aws:rds/cluster:Cluster";
const without = (props: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(props).filter(([name]) => name !== key));
const secureCluster = {
    engine: "aurora-postgresql",
    storageEncrypted: true,
    kmsKeyId: unknownAtPreview,
    dbSubnetGroupName: unknownAtPreview,
    manageMasterUserPassword: true,
    enabledCloudwatchLogsExports: ["postgresql"],
};

describeRule({
    rule: rdsStorageEncrypted,
    type: clusterType,
    compliant: secureCluster,
    violating: { "an Aurora cluster on the unencrypted default": without(secureCluster, "storageEncrypted") },
    unknown: { ...secureCluster, storageEncrypted: unknownAtPreview },
});

describeRule({
    rule: rdsNotPublic,
    type: "aws:rds/clusterInstance:ClusterInstance",
    compliant: { clusterIdentifier: unknownAtPreview, instanceClass: "db.r7g.large", engine: "aurora-postgresql" },
    violating: {
        "a public cluster instance": { clusterIdentifier: unknownAtPreview, engine: "aurora-postgresql", publiclyAccessible: true },
    },
    unknown: { clusterIdentifier: unknownAtPreview, engine: "aurora-postgresql", publiclyAccessible: unknownAtPreview },
});

describeRule({
    rule: rdsNotPublic,
    type: clusterType,
    compliant: secureCluster,
    violating: { "a cluster without a subnet group": without(secureCluster, "dbSubnetGroupName") },
    unknown: { ...secureCluster, publiclyAccessible: unknownAtPreview },
});

describeRule({
    rule: rdsBackupsEnabled,
    type: clusterType,
    compliant: secureCluster,
    violating: { "backups turned off": { ...secureCluster, backupRetentionPeriod: 0 } },
    unknown: { ...secureCluster, backupRetentionPeriod: unknownAtPreview },
});

describeRule({
    rule: rdsTlsForced,
    type: clusterType,
    compliant: secureCluster,
    violating: { "a cluster on a parameter group that leaves rds.force_ssl at 0": secureCluster },
    unknown: secureCluster,
    build: (name, props) => {
        const value = name === "pending" ? unknownAtPreview : name === "bad" ? "0" : "1";
        const group = resource("aws:rds/clusterParameterGroup:ClusterParameterGroup", `${name}-params`, {
            family: "aurora-postgresql16",
            parameters: [{ name: "rds.force_ssl", value }],
        });
        return [resource(clusterType, name, props, { propertyDependencies: { dbClusterParameterGroupName: [group] } }), group];
    },
});

describeRule({
    rule: rdsLogsExported,
    type: "aws:rds/instance:Instance",
    compliant: { ...secureInstance, enabledCloudwatchLogsExports: ["postgresql", "upgrade"] },
    violating: { "no exports": secureInstance, "no upgrade log": { ...secureInstance, enabledCloudwatchLogsExports: ["postgresql"] } },
    unknown: { ...secureInstance, enabledCloudwatchLogsExports: unknownAtPreview },
});

describeRule({
    rule: rdsManagedCredentials,
    type: clusterType,
    compliant: secureCluster,
    violating: { "a password from the program": { ...without(secureCluster, "manageMasterUserPassword"), masterPassword: "hunter2" } },
    unknown: { ...secureCluster, manageMasterUserPassword: unknownAtPreview, masterPassword: unknownAtPreview },
});

describeRule({
    rule: rdsMultiAz,
    type: "aws:rds/instance:Instance",
    compliant: { ...secureInstance, multiAz: true },
    violating: { "one AZ": secureInstance },
    unknown: { ...secureInstance, multiAz: unknownAtPreview },
});

describeRule({
    rule: rdsDeletionProtection,
    type: clusterType,
    compliant: { ...secureCluster, deletionProtection: true },
    violating: { "the default": secureCluster },
    unknown: { ...secureCluster, deletionProtection: unknownAtPreview },
});

describeRule({
    rule: rdsEnhancedMonitoring,
    type: "aws:rds/instance:Instance",
    compliant: { ...secureInstance, monitoringInterval: 60, monitoringRoleArn: unknownAtPreview },
    violating: { "no monitoring": secureInstance },
    unknown: { ...secureInstance, monitoringInterval: unknownAtPreview },
});

describeRule({
    rule: autoMinorVersionUpgrade,
    type: "aws:elasticache/replicationGroup:ReplicationGroup",
    compliant: {},
    violating: { "upgrades refused": { autoMinorVersionUpgrade: false } },
    unknown: { autoMinorVersionUpgrade: unknownAtPreview },
});

describeRule({
    rule: rdsCustomAdminName,
    type: "aws:rds/instance:Instance",
    compliant: { ...secureInstance, username: "platform_admin" },
    violating: { "the postgres default": { ...secureInstance, username: "postgres" } },
    unknown: { ...secureInstance, username: unknownAtPreview },
});
