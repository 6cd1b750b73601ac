import { expect } from "chai";
import {
    openSearchEncryptedAtRest,
    openSearchHighAvailability,
    openSearchHttpsOnly,
    openSearchInIsolatedSubnets,
    openSearchInVpc,
    openSearchLogsPublished,
    openSearchNodeToNodeEncryption,
    openSearchNoOpenAccess,
} from "../../policy/rules/opensearch";
import { check, judge, resource, unknownAtPreview, verdicts } from "../support/policy";
import { openSearchAutoSoftwareUpdate } from "../../policy/rules/opensearch";
import { describeRule } from "../support/rule-cases";

const domainType = "aws:opensearch/domain:Domain";

/** A domain as SearchAndCache declares it, with ARNs and ids unknown as in a first preview. */
function compliantDomain(overrides: Record<string, unknown> = {}, options = {}) {
    return resource(
        domainType,
        "search",
        {
            domainName: "dev-shop",
            vpcOptions: { subnetIds: unknownAtPreview, securityGroupIds: [unknownAtPreview] },
            encryptAtRest: { enabled: true, kmsKeyId: unknownAtPreview },
            nodeToNodeEncryption: { enabled: true },
            domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-2-PFS-2023-10" },
            logPublishingOptions: ["ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS"].map(logType => ({
                logType,
                enabled: true,
                cloudwatchLogGroupArn: unknownAtPreview,
            })),
            clusterConfig: { instanceCount: 3, zoneAwarenessEnabled: true, dedicatedMasterEnabled: true },
            ...overrides,
        },
        options,
    );
}

const domainRules = [
    openSearchInVpc,
    openSearchEncryptedAtRest,
    openSearchNodeToNodeEncryption,
    openSearchHttpsOnly,
    openSearchNoOpenAccess,
    openSearchLogsPublished,
    openSearchHighAvailability,
];

describe("policy: OpenSearch rules", () => {
    it("pass the domain SearchAndCache builds, with its ARNs and ids unknown at preview", async () => {
        expect(await check(domainRules, compliantDomain())).to.deep.equal([]);
    });

    it("report a public domain, one without subnets and one without security groups, as mandatory", async () => {
        const publicDomain = compliantDomain({ vpcOptions: undefined });
        const noSubnets = compliantDomain({ vpcOptions: { subnetIds: [], securityGroupIds: ["sg-1"] } });
        const noGroups = compliantDomain({ vpcOptions: { subnetIds: ["subnet-1"], securityGroupIds: [] } });
        const violations = await check([openSearchInVpc], publicDomain, noSubnets, noGroups);
        expect(violations.map(v => [v.level, v.message])).to.deep.equal([
            ["mandatory", "OpenSearch domain search has a public endpoint: give it vpcOptions"],
            ["mandatory", "OpenSearch domain search has no subnetIds in its vpcOptions"],
            ["mandatory", "OpenSearch domain search has no securityGroupIds in its vpcOptions"],
        ]);
    });

    it("report missing encryption at rest, the AWS-managed key, and plain node-to-node traffic", async () => {
        const plain = compliantDomain({ encryptAtRest: undefined, nodeToNodeEncryption: { enabled: false } });
        const awsKey = compliantDomain({ encryptAtRest: { enabled: true } });
        const violations = await check([openSearchEncryptedAtRest, openSearchNodeToNodeEncryption], plain, awsKey);
        expect(violations.map(v => v.message)).to.deep.equal([
            "OpenSearch domain search does not encrypt data at rest",
            "OpenSearch domain search encrypts at rest with the AWS-managed key: name a customer-managed kmsKeyId",
            "OpenSearch domain search does not encrypt node-to-node traffic",
        ]);
        expect(violations.every(v => v.level === "mandatory")).to.equal(true);
    });

    it("report plain HTTP, an old TLS policy and a TLS policy left to AWS", async () => {
        const http = compliantDomain({ domainEndpointOptions: { enforceHttps: false, tlsSecurityPolicy: "Policy-Min-TLS-1-2-2019-07" } });
        const oldTls = compliantDomain({ domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: "Policy-Min-TLS-1-0-2019-07" } });
        const unset = compliantDomain({ domainEndpointOptions: undefined });
        const violations = await check([openSearchHttpsOnly], http, oldTls, unset);
        expect(violations.map(v => v.message)).to.deep.equal([
            "OpenSearch domain search accepts plain HTTP",
            "OpenSearch domain search must set domainEndpointOptions.tlsSecurityPolicy to Policy-Min-TLS-1-2-PFS-2023-10",
            "OpenSearch domain search must set domainEndpointOptions.tlsSecurityPolicy to Policy-Min-TLS-1-2-PFS-2023-10",
        ]);
    });

    it("report an access policy open to everyone, on the domain or in a DomainPolicy, and pass one naming roles", async () => {
        const open = (principal: unknown) =>
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Principal: principal, Action: "es:*", Resource: "*" }],
            });
        const onDomain = compliantDomain({ accessPolicies: open({ AWS: "*" }) });
        const separate = resource("aws:opensearch/domainPolicy:DomainPolicy", "access", { domainName: "d", accessPolicies: open("*") });
        const listed = resource("aws:opensearch/domainPolicy:DomainPolicy", "listed", {
            domainName: "d",
            accessPolicies: open({ AWS: ["arn:aws:iam::1:role/a", "*"] }),
        });
        const named = resource("aws:opensearch/domainPolicy:DomainPolicy", "named", {
            domainName: "d",
            accessPolicies: open({ AWS: ["arn:aws:iam::1:role/a"] }),
        });
        const conditioned = resource("aws:opensearch/domainPolicy:DomainPolicy", "conditioned", {
            domainName: "d",
            accessPolicies: JSON.stringify({
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: "*",
                        Action: "es:ESHttpGet",
                        Resource: "*",
                        Condition: { IpAddress: { "aws:SourceIp": "10.0.0.0/8" } },
                    },
                ],
            }),
        });
        const violations = await check([openSearchNoOpenAccess], onDomain, separate, listed, named, conditioned);
        expect(violations.map(v => [v.level, v.urn])).to.deep.equal([
            ["mandatory", onDomain.urn],
            ["mandatory", separate.urn],
            ["mandatory", listed.urn],
        ]);
    });

    it("leave an access policy built from ARNs unknown at preview undecided, and still block an open one next to it", async () => {
        const pending = resource("aws:opensearch/domainPolicy:DomainPolicy", "pending", {
            domainName: "d",
            accessPolicies: unknownAtPreview,
        });
        const open = resource("aws:opensearch/domainPolicy:DomainPolicy", "open", {
            domainName: "e",
            accessPolicies: JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "es:*", Resource: "*" }] }),
        });
        const violations = await judge([openSearchNoOpenAccess], pending, open);
        expect(verdicts(violations)).to.deep.equal(["opensearch-no-open-access mandatory open", "preview-unverified advisory pending"]);
        expect(violations[1].message).to.contain("DomainPolicy pending cannot be verified at preview by opensearch-no-open-access");
    });

    it("report a domain that does not publish its error and slow logs", async () => {
        const quiet = compliantDomain({
            logPublishingOptions: [{ logType: "ES_APPLICATION_LOGS", enabled: true, cloudwatchLogGroupArn: "arn" }],
        });
        const [violation] = await check([openSearchLogsPublished], quiet);
        expect(violation).to.deep.include({
            level: "mandatory",
            message: "OpenSearch domain search does not publish INDEX_SLOW_LOGS, SEARCH_SLOW_LOGS",
        });
    });

    it("advise, without blocking, on a one-node domain", async () => {
        const single = compliantDomain({ clusterConfig: { instanceCount: 1, zoneAwarenessEnabled: false, dedicatedMasterEnabled: false } });
        const [violation] = await check([openSearchHighAvailability], single);
        expect(violation.level).to.equal("advisory");
        expect(violation.message).to.contain("zone awareness is off; fewer than three data nodes; no dedicated masters");
    });

    it("place domains in isolated subnets only", async () => {
        const subnet = (name: string, tier: string) =>
            resource("aws:ec2/subnet:Subnet", name, { mapPublicIpOnLaunch: false, tags: { "dataplatform:tier": tier } });
        const isolated = subnet("isolated-a", "isolated");
        const privateSubnet = subnet("private-a", "private");
        const good = compliantDomain({}, { propertyDependencies: { vpcOptions: [isolated] } });
        const inPrivate = resource(
            domainType,
            "in-private",
            { vpcOptions: { subnetIds: unknownAtPreview } },
            { propertyDependencies: { vpcOptions: [privateSubnet] } },
        );
        const violations = await check([openSearchInIsolatedSubnets], good, inPrivate, isolated, privateSubnet);
        expect(violations.map(v => [v.level, v.message])).to.deep.equal([
            ["mandatory", "aws:opensearch/domain:Domain in-private is placed in subnet private-a of tier private; allowed: isolated"],
        ]);
    });
});

describeRule({
    rule: openSearchAutoSoftwareUpdate,
    type: "aws:opensearch/domain:Domain",
    compliant: { softwareUpdateOptions: { autoSoftwareUpdateEnabled: true } },
    violating: { "manual updates": {} },
    unknown: { softwareUpdateOptions: { autoSoftwareUpdateEnabled: unknownAtPreview } },
});
