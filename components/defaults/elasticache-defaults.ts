// Secure defaults for ElastiCache Redis replication groups.
import * as pulumi from "@pulumi/pulumi";

export const redisEngineVersion = "7.1";
/** Not the well-known 6379 (cdk-nag AwsSolutions-AEC5). */
export const redisPort = 6380;
/** AUTH tokens are 16 to 128 printable characters; letters and digits avoid the forbidden ones. */
export const redisAuthTokenLength = 64;

export interface RedisTopology {
    nodeType: string;
    replicas: number;
    snapshotRetentionDays: number;
}

/** Encryption, failover and maintenance settings of a replication group. */
export function redisReplicationGroupSettings(topology: RedisTopology, kmsKeyArn: pulumi.Input<string>) {
    const replicated = topology.replicas > 0;
    return {
        engine: "redis",
        engineVersion: redisEngineVersion,
        nodeType: topology.nodeType,
        port: redisPort,
        numCacheClusters: 1 + topology.replicas,
        automaticFailoverEnabled: replicated,
        multiAzEnabled: replicated,
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        atRestEncryptionEnabled: true,
        kmsKeyId: kmsKeyArn,
        autoMinorVersionUpgrade: true,
        snapshotRetentionLimit: topology.snapshotRetentionDays,
        ...(topology.snapshotRetentionDays > 0 ? { snapshotWindow: "03:00-04:00" } : {}),
        maintenanceWindow: "sun:05:00-sun:06:00",
        applyImmediately: false,
    };
}

export const redisAlarmThresholds = {
    /** Redis runs commands on one thread: its own CPU share is what saturates. */
    engineCpuPercent: 80,
    /** Any eviction means the cache is too small for its TTLs. */
    evictions: 1,
} as const;
