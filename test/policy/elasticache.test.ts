import { expect } from "chai";
import {
    elastiCacheAtRestEncryption,
    elastiCacheAuth,
    elastiCacheBackups,
    elastiCacheFailover,
    elastiCacheInIsolatedSubnets,
    elastiCacheTransitEncryption,
} from "../../policy/rules/elasticache";
import { check, resource, unknownAtPreview } from "../support/policy";

const groupType = "aws:elasticache/replicationGroup:ReplicationGroup";

function compliantGroup(overrides: Record<string, unknown> = {}, options = {}) {
    return resource(
        groupType,
        "cache",
        {
            transitEncryptionEnabled: true,
            transitEncryptionMode: "required",
            atRestEncryptionEnabled: true,
            kmsKeyId: unknownAtPreview,
            authToken: unknownAtPreview,
            automaticFailoverEnabled: true,
            multiAzEnabled: true,
            snapshotRetentionLimit: 7,
            ...overrides,
        },
        options,
    );
}

const subnet = (name: string, tier: string) =>
    resource("aws:ec2/subnet:Subnet", name, { mapPublicIpOnLaunch: false, tags: { "dataplatform:tier": tier } });

describe("policy: ElastiCache rules", () => {
    const rules = [elastiCacheTransitEncryption, elastiCacheAtRestEncryption, elastiCacheAuth, elastiCacheFailover, elastiCacheBackups];

    it("pass the replication group SearchAndCache builds, its key and token unknown at preview", async () => {
        expect(await check(rules, compliantGroup())).to.deep.equal([]);
    });

    it("report plain or merely preferred TLS, missing at-rest encryption and the AWS-managed key, as mandatory", async () => {
        const plain = compliantGroup({ transitEncryptionEnabled: false, atRestEncryptionEnabled: false });
        const preferred = compliantGroup({ transitEncryptionMode: "preferred", kmsKeyId: undefined });
        delete preferred.props.kmsKeyId;
        const violations = await check([elastiCacheTransitEncryption, elastiCacheAtRestEncryption], plain, preferred);
        expect(violations.map(v => [v.level, v.message])).to.deep.equal([
            ["mandatory", "replication group cache accepts connections without TLS"],
            ["mandatory", "replication group cache still accepts plain connections: set transitEncryptionMode to required"],
            ["mandatory", "replication group cache does not encrypt data at rest"],
            ["mandatory", "replication group cache encrypts at rest with the AWS-managed key: name a customer-managed kmsKeyId"],
        ]);
    });

    it("report a group without AUTH token or user groups, and pass RBAC user groups", async () => {
        const open = compliantGroup();
        delete open.props.authToken;
        const rbac = compliantGroup({ userGroupIds: [unknownAtPreview] });
        delete rbac.props.authToken;
        const violations = await check([elastiCacheAuth], open, rbac);
        expect(violations.map(v => [v.level, v.urn])).to.deep.equal([["mandatory", open.urn]]);
    });

    it("advise on a single node without failover or snapshots", async () => {
        const single = compliantGroup({ automaticFailoverEnabled: false, multiAzEnabled: false, snapshotRetentionLimit: 0 });
        const violations = await check([elastiCacheFailover, elastiCacheBackups], single);
        expect(violations.map(v => [v.policy, v.level])).to.deep.equal([
            ["elasticache-failover", "advisory"],
            ["elasticache-backups", "advisory"],
        ]);
    });

    it("places groups in a subnet group of isolated subnets, and reports other tiers or unverifiable placement", async () => {
        const isolated = subnet("isolated-a", "isolated");
        const privateSubnet = subnet("private-a", "private");
        const isolatedGroup = resource(
            "aws:elasticache/subnetGroup:SubnetGroup",
            "isolated-group",
            { subnetIds: unknownAtPreview },
            { propertyDependencies: { subnetIds: [isolated] } },
        );
        const privateGroup = resource(
            "aws:elasticache/subnetGroup:SubnetGroup",
            "private-group",
            { subnetIds: unknownAtPreview },
            { propertyDependencies: { subnetIds: [privateSubnet] } },
        );
        const good = compliantGroup({ subnetGroupName: unknownAtPreview }, { propertyDependencies: { subnetGroupName: [isolatedGroup] } });
        const inPrivate = resource(
            groupType,
            "in-private",
            { subnetGroupName: unknownAtPreview },
            { propertyDependencies: { subnetGroupName: [privateGroup] } },
        );
        const byName = resource(groupType, "by-name", { subnetGroupName: "default" });
        const violations = await check(
            [elastiCacheInIsolatedSubnets],
            good,
            inPrivate,
            byName,
            isolatedGroup,
            privateGroup,
            isolated,
            privateSubnet,
        );
        expect(violations.map(v => [v.level, v.message])).to.deep.equal([
            [
                "mandatory",
                "replication group in-private: aws:elasticache/subnetGroup:SubnetGroup private-group is placed in subnet private-a of tier private; allowed: isolated",
            ],
            ["mandatory", "replication group by-name: cannot verify its subnets: subnetGroupName depends on no subnet group of this stack"],
        ]);
    });
});
