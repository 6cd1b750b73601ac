// An OpenSearch domain: isolated subnets, encrypted at rest and in transit,
// HTTPS only, logs in encrypted groups, access granted to named roles only, alarms.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AlarmSpec, topicAlarm } from "./alarms";
import { encryptedLogGroupArgs } from "./defaults/log-defaults";
import {
    freeStorageThresholdMiB,
    openSearchAlarmThresholds,
    openSearchDomainSettings,
    OpenSearchLogType,
    openSearchLogTypes,
    OpenSearchTopology,
} from "./defaults/opensearch-defaults";
import type { PlatformContext } from "./platform-context";

export interface SearchDomainArgs {
    platform: PlatformContext;
    /** 3 to 28 characters: lower-case letters, digits and hyphens, starting with a letter. */
    domainName: string;
    topology: OpenSearchTopology;
    securityGroup: aws.ec2.SecurityGroup;
    /** Account-level prerequisites (the service-linked role) when this stack manages them. */
    prerequisites: pulumi.Resource[];
    tags: Record<string, string>;
}

/** The domain's ARN, known before the domain exists (the log resource policy must come first). */
function domainArn(platform: PlatformContext, domainName: string): pulumi.Output<string> {
    return pulumi.interpolate`arn:aws:es:${platform.region}:${platform.accountId}:domain/${domainName}`;
}

function publishLogs(name: string, args: SearchDomainArgs, parent: pulumi.Resource): Record<OpenSearchLogType, aws.cloudwatch.LogGroup> {
    const { platform } = args;
    return Object.fromEntries(
        openSearchLogTypes.map(type => [
            type,
            new aws.cloudwatch.LogGroup(
                `${name}-${type.toLowerCase().replace(/_/g, "-")}`,
                { ...encryptedLogGroupArgs(platform.encryptionKey, platform.logRetentionInDays), tags: args.tags },
                { parent },
            ),
        ]),
    ) as Record<OpenSearchLogType, aws.cloudwatch.LogGroup>;
}

export function searchDomain(name: string, args: SearchDomainArgs, opts: { parent: pulumi.Resource }): aws.opensearch.Domain {
    const { parent } = opts;
    const { platform, topology } = args;
    if (!/^[a-z][a-z0-9-]{2,27}$/.test(args.domainName)) {
        throw new Error(
            `SearchAndCache ${name}: domainName ${JSON.stringify(args.domainName)} must be 3-28 lower-case letters, digits or hyphens`,
        );
    }
    const logGroups = publishLogs(name, args, parent);
    // OpenSearch checks at creation that it may write to the groups: the policy comes first.
    const logPolicy = new aws.cloudwatch.LogResourcePolicy(
        `${name}-logs`,
        {
            policyName: `${args.domainName}-opensearch-logs`,
            policyDocument: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "OpenSearchPublishesThisDomainsLogs",
                        Effect: "Allow",
                        Principal: { Service: "es.amazonaws.com" },
                        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
                        Resource: Object.values(logGroups).map(group => pulumi.interpolate`${group.arn}:*`),
                        Condition: {
                            StringEquals: { "aws:SourceAccount": platform.accountId },
                            ArnLike: { "aws:SourceArn": domainArn(platform, args.domainName) },
                        },
                    },
                ],
            }),
        },
        { parent },
    );
    const subnetIds = platform.network.subnets("isolated").subnetIds.apply(ids => ids.slice(0, topology.zoneCount));
    const domain = new aws.opensearch.Domain(
        `${name}-search`,
        {
            domainName: args.domainName,
            ...openSearchDomainSettings(topology, platform.encryptionKey.arn),
            vpcOptions: { subnetIds, securityGroupIds: [args.securityGroup.id] },
            logPublishingOptions: openSearchLogTypes.map(logType => ({
                logType,
                enabled: true,
                cloudwatchLogGroupArn: logGroups[logType].arn,
            })),
            tags: args.tags,
        },
        { parent, dependsOn: [logPolicy, ...args.prerequisites] },
    );
    searchDomainAlarms(name, domain, args, parent);
    return domain;
}

/** The domain's resource policy: `es:ESHttp*` on this domain for the given roles, nobody else. */
export function grantDomainAccess(
    name: string,
    domain: aws.opensearch.Domain,
    roles: aws.iam.Role[],
    opts: { parent: pulumi.Resource },
): aws.opensearch.DomainPolicy {
    const { parent } = opts;
    return new aws.opensearch.DomainPolicy(
        `${name}-search-access`,
        {
            domainName: domain.domainName,
            accessPolicies: pulumi.jsonStringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "SearchAndCacheFunctionsOnly",
                        Effect: "Allow",
                        Principal: { AWS: roles.map(role => role.arn) },
                        Action: "es:ESHttp*",
                        Resource: pulumi.interpolate`${domain.arn}/*`,
                    },
                ],
            }),
        },
        { parent },
    );
}

function searchDomainAlarms(name: string, domain: aws.opensearch.Domain, args: SearchDomainArgs, parent: pulumi.Resource): void {
    const dimensions = { DomainName: domain.domainName, ClientId: args.platform.accountId };
    const alarm = (suffix: string, spec: Omit<AlarmSpec, "namespace" | "dimensions">) =>
        topicAlarm(`${name}-search-${suffix}`, { ...spec, namespace: "AWS/ES", dimensions }, args.platform.alarmTopicArn, { parent });
    alarm("red", {
        description: `${name}: the search cluster is red (a primary shard is unassigned)`,
        metricName: "ClusterStatus.red",
        statistic: "Maximum",
        threshold: 1,
        comparison: "GreaterThanOrEqualToThreshold",
        periodSeconds: 60,
    });
    alarm("yellow", {
        description: `${name}: the search cluster has been yellow for 5 minutes (a replica shard is unassigned)`,
        metricName: "ClusterStatus.yellow",
        statistic: "Maximum",
        threshold: 1,
        comparison: "GreaterThanOrEqualToThreshold",
        periodSeconds: 60,
        evaluationPeriods: 5,
    });
    alarm("free-storage", {
        description: `${name}: a search node has less than a quarter of its storage free`,
        metricName: "FreeStorageSpace",
        statistic: "Minimum",
        threshold: freeStorageThresholdMiB(args.topology.volumeSizeGb),
        comparison: "LessThanOrEqualToThreshold",
        periodSeconds: 60,
    });
    alarm("jvm-pressure", {
        description: `${name}: search JVM memory pressure has stayed high for 15 minutes`,
        metricName: "JVMMemoryPressure",
        statistic: "Maximum",
        threshold: openSearchAlarmThresholds.jvmMemoryPressurePercent,
        comparison: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 3,
    });
    alarm("writes-blocked", {
        description: `${name}: the search cluster blocks writes`,
        metricName: "ClusterIndexWritesBlocked",
        statistic: "Maximum",
        threshold: 1,
        comparison: "GreaterThanOrEqualToThreshold",
        periodSeconds: 60,
    });
    alarm("snapshot-failure", {
        description: `${name}: an automated snapshot of the search domain failed`,
        metricName: "AutomatedSnapshotFailure",
        statistic: "Maximum",
        threshold: 1,
        comparison: "GreaterThanOrEqualToThreshold",
        periodSeconds: 60,
    });
}
