// OpenSearch domains: private, encrypted at rest and in transit, logged, never open to everyone.
import { openAllowStatements } from "../lib/policy-documents";
import { resourceRule } from "../lib/rule";
import { subnetPlacementPolicy } from "../lib/subnets";
import { isRecord, knownOrUnknown, listOf, unknown } from "../lib/values";

/** TLS policies that require TLS 1.2 or later (Security Hub Opensearch.8). */
export const acceptedTlsPolicies = ["Policy-Min-TLS-1-2-PFS-2023-10", "Policy-Min-TLS-1-2-2019-07"];
const requiredLogTypes = ["ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS"];

function domainBlock(props: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
    const block = props[name];
    return isRecord(block) ? block : undefined;
}

export const openSearchInVpc = resourceRule({
    name: "opensearch-in-vpc",
    description:
        "OpenSearch domains are reachable only inside a VPC, behind security groups (cdk-nag AwsSolutions-OS1, Security Hub Opensearch.2).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-OS1", "Opensearch.2"],
    kinds: ["openSearchDomain"],
    check: (domain, report) => {
        const vpcOptions = domainBlock(domain.props, "vpcOptions");
        if (vpcOptions === undefined) {
            report(`OpenSearch domain ${domain.name} has a public endpoint: give it vpcOptions`);
            return;
        }
        for (const property of ["subnetIds", "securityGroupIds"]) {
            // Ids of subnets and groups created in this stack are unknown at preview: present.
            const value = knownOrUnknown(() => vpcOptions[property]);
            if (value !== unknown && listOf(value).length === 0) {
                report(`OpenSearch domain ${domain.name} has no ${property} in its vpcOptions`);
            }
        }
    },
});

export const openSearchInIsolatedSubnets = subnetPlacementPolicy({
    name: "opensearch-in-isolated-subnets",
    anchors: [],
    description: "OpenSearch domains live in the isolated subnets of this stack (no route to or from the internet).",
    placements: { openSearchDomain: "vpcOptions" },
    allowedTiers: ["isolated"],
});

export const openSearchEncryptedAtRest = resourceRule({
    name: "opensearch-encrypted-at-rest",
    description:
        "OpenSearch domains encrypt data at rest with a customer-managed KMS key (cdk-nag AwsSolutions-OS8, Security Hub Opensearch.1).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-OS8", "Opensearch.1"],
    kinds: ["openSearchDomain"],
    check: (domain, report) => {
        const encryption = domainBlock(domain.props, "encryptAtRest");
        if (encryption?.enabled !== true) {
            report(`OpenSearch domain ${domain.name} does not encrypt data at rest`);
        } else if (!("kmsKeyId" in encryption)) {
            report(`OpenSearch domain ${domain.name} encrypts at rest with the AWS-managed key: name a customer-managed kmsKeyId`);
        }
    },
});

export const openSearchNodeToNodeEncryption = resourceRule({
    name: "opensearch-node-to-node-encryption",
    description: "OpenSearch nodes encrypt traffic between themselves (cdk-nag AwsSolutions-OS2, Security Hub Opensearch.3).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-OS2", "Opensearch.3"],
    kinds: ["openSearchDomain"],
    check: (domain, report) => {
        if (domainBlock(domain.props, "nodeToNodeEncryption")?.enabled !== true) {
            report(`OpenSearch domain ${domain.name} does not encrypt node-to-node traffic`);
        }
    },
});

export const openSearchHttpsOnly = resourceRule({
    name: "opensearch-https-only",
    description: `OpenSearch domains require HTTPS with TLS 1.2 or later (${acceptedTlsPolicies.join(" or ")}; Security Hub Opensearch.8).`,
    enforcementLevel: "mandatory",
    anchors: ["Opensearch.8"],
    kinds: ["openSearchDomain"],
    check: (domain, report) => {
        const endpoint = domainBlock(domain.props, "domainEndpointOptions");
        // The provider defaults enforceHttps to true, but leaves the TLS policy to AWS and detects no drift.
        if (endpoint?.enforceHttps === false) {
            report(`OpenSearch domain ${domain.name} accepts plain HTTP`);
        }
        const policy = endpoint?.tlsSecurityPolicy;
        if (typeof policy !== "string" || !acceptedTlsPolicies.includes(policy)) {
            report(`OpenSearch domain ${domain.name} must set domainEndpointOptions.tlsSecurityPolicy to ${acceptedTlsPolicies[0]}`);
        }
    },
});

export const openSearchNoOpenAccess = resourceRule({
    name: "opensearch-no-open-access",
    description: 'No OpenSearch access policy allows everyone (Principal "*") without a condition (cdk-nag AwsSolutions-OS5).',
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-OS5"],
    unknownAtPreview: "an access policy naming roles of this stack",
    kinds: ["openSearchDomain", "openSearchDomainPolicy"],
    check: (domain, report) => {
        const policy = domain.props.accessPolicies;
        // A policy naming roles of this stack is unknown at preview: reading it makes the engine
        // report that the policy could not run yet; it runs on the update, before the change.
        if (policy !== undefined && openAllowStatements(policy).length > 0) {
            report(`${domain.type} ${domain.name} lets anyone call the domain: name the roles that may`);
        }
    },
});

export const openSearchLogsPublished = resourceRule({
    name: "opensearch-logs-published",
    description: "OpenSearch domains publish error and slow logs to CloudWatch Logs (cdk-nag AwsSolutions-OS9, Security Hub Opensearch.4).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-OS9", "NIST-OpenSearchErrorLogsToCloudWatch", "Opensearch.4"],
    kinds: ["openSearchDomain"],
    check: (domain, report) => {
        const published = listOf(domain.props.logPublishingOptions)
            .filter(isRecord)
            .filter(option => option.enabled !== false && "cloudwatchLogGroupArn" in option)
            .map(option => option.logType);
        const missing = requiredLogTypes.filter(type => !published.includes(type));
        if (missing.length > 0) {
            report(`OpenSearch domain ${domain.name} does not publish ${missing.join(", ")}`);
        }
    },
});

export const openSearchHighAvailability = resourceRule({
    name: "opensearch-high-availability",
    description:
        "OpenSearch domains spread three or more data nodes over AZs and have dedicated masters (cdk-nag AwsSolutions-OS4/OS7, Security Hub Opensearch.6).",
    // Advisory: one-node development domains are a deliberate cost choice.
    enforcementLevel: "advisory",
    anchors: ["AwsSolutions-OS4", "AwsSolutions-OS7", "Opensearch.6"],
    kinds: ["openSearchDomain"],
    check: (domain, report) => {
        const cluster = domainBlock(domain.props, "clusterConfig") ?? {};
        const problems = [
            ...(cluster.zoneAwarenessEnabled === true ? [] : ["zone awareness is off"]),
            ...(typeof cluster.instanceCount === "number" && cluster.instanceCount >= 3 ? [] : ["fewer than three data nodes"]),
            ...(cluster.dedicatedMasterEnabled === true ? [] : ["no dedicated masters"]),
        ];
        if (problems.length > 0) {
            report(`OpenSearch domain ${domain.name} is not highly available: ${problems.join("; ")}`);
        }
    },
});

export const openSearchAutoSoftwareUpdate = resourceRule({
    name: "opensearch-auto-software-update",
    description: "OpenSearch domains install service software updates automatically (Security Hub Opensearch.10).",
    enforcementLevel: "advisory",
    anchors: ["Opensearch.10"],
    kinds: ["openSearchDomain"],
    check: (domain, report) => {
        if (domainBlock(domain.props, "softwareUpdateOptions")?.autoSoftwareUpdateEnabled !== true) {
            report(
                `OpenSearch domain ${domain.name} waits for manual software updates: set softwareUpdateOptions.autoSoftwareUpdateEnabled`,
            );
        }
    },
});
