// A Redis replication group: isolated subnets, TLS required, encrypted at rest,
// an AUTH token generated here and kept in Secrets Manager, failover and snapshots when configured.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { AlarmSpec, topicAlarm } from "./alarms";
import { redisAlarmThresholds, redisAuthTokenLength, redisReplicationGroupSettings, RedisTopology } from "./defaults/elasticache-defaults";
import type { PlatformContext } from "./platform-context";

export interface CacheClusterArgs {
    platform: PlatformContext;
    topology: RedisTopology;
    securityGroup: aws.ec2.SecurityGroup;
    tags: Record<string, string>;
}

export interface CacheCluster {
    replicationGroup: aws.elasticache.ReplicationGroup;
    /** Holds the AUTH token (encrypted with the platform key). */
    authSecret: aws.secretsmanager.Secret;
}

export function cacheCluster(name: string, args: CacheClusterArgs, opts: { parent: pulumi.Resource }): CacheCluster {
    const { parent } = opts;
    const { platform } = args;
    const subnetGroup = new aws.elasticache.SubnetGroup(
        `${name}-cache`,
        {
            description: `${name}: isolated subnets of the Redis replication group`,
            subnetIds: platform.network.subnets("isolated").subnetIds,
            tags: args.tags,
        },
        { parent },
    );
    const authToken = new random.RandomPassword(`${name}-cache-auth`, { length: redisAuthTokenLength, special: false }, { parent });
    const authSecret = new aws.secretsmanager.Secret(
        `${name}-cache-auth`,
        {
            description: `${name}: AUTH token of the Redis replication group`,
            kmsKeyId: platform.encryptionKey.arn,
            recoveryWindowInDays: platform.deletionProtection ? 30 : 7,
            tags: args.tags,
        },
        { parent },
    );
    new aws.secretsmanager.SecretVersion(`${name}-cache-auth`, { secretId: authSecret.id, secretString: authToken.result }, { parent });
    const replicationGroup = new aws.elasticache.ReplicationGroup(
        `${name}-cache`,
        {
            description: `${name}: cache of generated products`,
            ...redisReplicationGroupSettings(args.topology, platform.encryptionKey.arn),
            authToken: authToken.result,
            subnetGroupName: subnetGroup.name,
            securityGroupIds: [args.securityGroup.id],
            tags: args.tags,
        },
        { parent },
    );
    cacheAlarms(name, replicationGroup, args, parent);
    return { replicationGroup, authSecret };
}

/** CPU and eviction alarms on every node (ElastiCache reports them per node). */
function cacheAlarms(name: string, group: aws.elasticache.ReplicationGroup, args: CacheClusterArgs, parent: pulumi.Resource): void {
    for (let node = 0; node < 1 + args.topology.replicas; node++) {
        const dimensions = { CacheClusterId: group.memberClusters.apply(members => [...members].sort()[node]) };
        const alarm = (suffix: string, spec: Omit<AlarmSpec, "namespace" | "dimensions">) =>
            topicAlarm(
                `${name}-cache-${node + 1}-${suffix}`,
                { ...spec, namespace: "AWS/ElastiCache", dimensions },
                args.platform.alarmTopicArn,
                {
                    parent,
                },
            );
        alarm("cpu", {
            description: `${name}: Redis node ${node + 1} has been busy for 15 minutes`,
            metricName: "EngineCPUUtilization",
            statistic: "Average",
            threshold: redisAlarmThresholds.engineCpuPercent,
            comparison: "GreaterThanOrEqualToThreshold",
            evaluationPeriods: 3,
        });
        alarm("evictions", {
            description: `${name}: Redis node ${node + 1} evicts keys (the cache is too small for its TTLs)`,
            metricName: "Evictions",
            statistic: "Sum",
            threshold: redisAlarmThresholds.evictions,
            comparison: "GreaterThanOrEqualToThreshold",
        });
    }
}
