import {
    redshiftAuditLogging,
    redshiftEncryptedWithCmk,
    redshiftEnhancedVpcRouting,
    redshiftInIsolatedSubnets,
    redshiftMaintenance,
    redshiftNonDefaultNames,
    redshiftNotPublic,
    redshiftTlsRequired,
} from "../../policy/rules/redshift";
import { EvaluatedResource } from "../../scripts/plan/evaluate";
import { resource, unknownAtPreview } from "../support/policy";
import { describeRule, Props } from "../support/rule-cases";

const clusterType = "aws:redshift/cluster:Cluster";
const workgroupType = "aws:redshiftserverless/workgroup:Workgroup";
const namespaceType = "aws:redshiftserverless/namespace:Namespace";
const subnet = (name: string, tier: string) =>
    resource("aws:ec2/subnet:Subnet", name, { mapPublicIpOnLaunch: tier === "public", tags: { "dataplatform:tier": tier } });
const requireSsl = { parameterKey: "require_ssl", parameterValue: "true" };

describeRule({
    rule: redshiftNotPublic,
    type: workgroupType,
    compliant: { publiclyAccessible: false, subnetIds: [unknownAtPreview] },
    violating: { "a public workgroup": { publiclyAccessible: true, subnetIds: [unknownAtPreview] }, "a workgroup without subnets": {} },
    unknown: { publiclyAccessible: unknownAtPreview, subnetIds: [unknownAtPreview] },
});

describeRule({
    rule: redshiftNotPublic,
    type: clusterType,
    compliant: { clusterSubnetGroupName: unknownAtPreview },
    violating: { "a public cluster": { publiclyAccessible: true, clusterSubnetGroupName: "g" }, "a cluster in the default VPC": {} },
    unknown: { publiclyAccessible: unknownAtPreview, clusterSubnetGroupName: "g" },
});

describeRule({
    rule: redshiftInIsolatedSubnets,
    type: workgroupType,
    compliant: {},
    violating: { "a workgroup in private subnets": {} },
    unknown: {},
    build: (name, props) => {
        const tier = name === "bad" ? "private" : "isolated";
        const subnets = [subnet(`${name}-a`, tier), subnet(`${name}-b`, tier)];
        if (name === "pending") {
            subnets[1] = resource("aws:ec2/subnet:Subnet", `${name}-b`, { tags: unknownAtPreview });
        }
        return [
            resource(workgroupType, name, { ...props, subnetIds: [unknownAtPreview] }, { propertyDependencies: { subnetIds: subnets } }),
            ...subnets,
        ];
    },
});

describeRule({
    rule: redshiftEncryptedWithCmk,
    type: namespaceType,
    compliant: { kmsKeyId: unknownAtPreview },
    violating: { "the AWS-owned key": {} },
    unknown: { kmsKeyId: undefined, encrypted: unknownAtPreview },
});

describeRule({
    rule: redshiftEnhancedVpcRouting,
    type: workgroupType,
    compliant: { enhancedVpcRouting: true },
    violating: { "the default": {}, "routing turned off": { enhancedVpcRouting: false } },
    unknown: { enhancedVpcRouting: unknownAtPreview },
});

describeRule({
    rule: redshiftTlsRequired,
    type: workgroupType,
    compliant: { configParameters: [requireSsl] },
    violating: { "no require_ssl": {}, "require_ssl false": { configParameters: [{ ...requireSsl, parameterValue: "false" }] } },
    unknown: { configParameters: [{ parameterKey: "require_ssl", parameterValue: unknownAtPreview }] },
});

describeRule({
    rule: redshiftTlsRequired,
    type: clusterType,
    compliant: {},
    violating: { "the default parameter group": {} },
    unknown: {},
    build: (name, props) => {
        const value = name === "pending" ? unknownAtPreview : "true";
        const group = resource("aws:redshift/parameterGroup:ParameterGroup", `${name}-params`, {
            parameters: [{ name: "require_ssl", value }],
        });
        const deps: Record<string, EvaluatedResource[]> = name === "bad" ? {} : { clusterParameterGroupName: [group] };
        return [resource(clusterType, name, props, { propertyDependencies: deps }), group];
    },
});

const allLogs = { logExports: ["userlog", "connectionlog", "useractivitylog"] };
describeRule({
    rule: redshiftAuditLogging,
    type: namespaceType,
    compliant: allLogs,
    violating: { "no exports": {}, "connection logs only": { logExports: ["connectionlog"] } },
    unknown: { logExports: unknownAtPreview },
});

describeRule({
    rule: redshiftAuditLogging,
    type: clusterType,
    compliant: {},
    violating: { "a cluster without aws.redshift.Logging": {} },
    unknown: {},
    build: (name: string, props: Props) => {
        const activity = name === "pending" ? unknownAtPreview : "true";
        const group = resource("aws:redshift/parameterGroup:ParameterGroup", `${name}-params`, {
            parameters: [{ name: "enable_user_activity_logging", value: activity }],
        });
        const cluster = resource(clusterType, name, props, { propertyDependencies: { clusterParameterGroupName: [group] } });
        const logging = resource(
            "aws:redshift/logging:Logging",
            `${name}-logging`,
            { clusterIdentifier: unknownAtPreview, logDestinationType: "cloudwatch", logExports: allLogs.logExports },
            { propertyDependencies: { clusterIdentifier: [cluster] } },
        );
        return name === "bad" ? [cluster, group] : [cluster, group, logging];
    },
});

describeRule({
    rule: redshiftNonDefaultNames,
    type: namespaceType,
    compliant: { adminUsername: "warehouse_admin", dbName: "warehouse", manageAdminPassword: true },
    violating: { "the defaults": {}, "admin and dev": { adminUsername: "admin", dbName: "dev", manageAdminPassword: true } },
    unknown: { adminUsername: unknownAtPreview, dbName: "warehouse", manageAdminPassword: true },
});

describeRule({
    rule: redshiftMaintenance,
    type: clusterType,
    compliant: {},
    violating: { "upgrades refused": { allowVersionUpgrade: false }, "no snapshots": { automatedSnapshotRetentionPeriod: 0 } },
    unknown: { allowVersionUpgrade: unknownAtPreview },
});
