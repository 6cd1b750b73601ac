// Secure defaults for OpenSearch Service domains.
import * as pulumi from "@pulumi/pulumi";

export const openSearchEngineVersion = "OpenSearch_2.19";
/** The strictest policy the service offers: TLS 1.2+ with perfect forward secrecy. */
export const openSearchTlsPolicy = "Policy-Min-TLS-1-2-PFS-2023-10";
export const openSearchHttpsPort = 443;

/** Log types every domain publishes to CloudWatch Logs. */
export const openSearchLogTypes = ["ES_APPLICATION_LOGS", "INDEX_SLOW_LOGS", "SEARCH_SLOW_LOGS"] as const;
export type OpenSearchLogType = (typeof openSearchLogTypes)[number];

export interface OpenSearchTopology {
    instanceType: string;
    instanceCount: number;
    dedicatedMasters: boolean;
    dedicatedMasterType: string;
    /** AZs the data nodes spread over: 1 turns zone awareness off. */
    zoneCount: number;
    volumeSizeGb: number;
}

/** Cluster, storage and encryption settings of a domain (network, logs and policy come separately). */
export function openSearchDomainSettings(topology: OpenSearchTopology, kmsKeyArn: pulumi.Input<string>) {
    return {
        engineVersion: openSearchEngineVersion,
        clusterConfig: {
            instanceType: topology.instanceType,
            instanceCount: topology.instanceCount,
            dedicatedMasterEnabled: topology.dedicatedMasters,
            ...(topology.dedicatedMasters ? { dedicatedMasterType: topology.dedicatedMasterType, dedicatedMasterCount: 3 } : {}),
            zoneAwarenessEnabled: topology.zoneCount > 1,
            ...(topology.zoneCount > 1 ? { zoneAwarenessConfig: { availabilityZoneCount: topology.zoneCount } } : {}),
        },
        ebsOptions: { ebsEnabled: true, volumeType: "gp3", volumeSize: topology.volumeSizeGb },
        encryptAtRest: { enabled: true, kmsKeyId: kmsKeyArn },
        nodeToNodeEncryption: { enabled: true },
        domainEndpointOptions: { enforceHttps: true, tlsSecurityPolicy: openSearchTlsPolicy },
        softwareUpdateOptions: { autoSoftwareUpdateEnabled: true },
    };
}

/** Alarm thresholds, after the service's recommended CloudWatch alarms. */
export const openSearchAlarmThresholds = {
    /** JVM memory pressure (%) sustained for 15 minutes. */
    jvmMemoryPressurePercent: 80,
    /** Free storage below this share of a node's volume. */
    freeStorageShare: 0.25,
} as const;

/** The per-node free storage threshold in MiB, as the FreeStorageSpace metric reports it. */
export function freeStorageThresholdMiB(volumeSizeGb: number): number {
    return Math.floor(volumeSizeGb * 1024 * openSearchAlarmThresholds.freeStorageShare);
}
