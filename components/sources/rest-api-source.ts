// rest_api sources: a scheduled fetcher (functions/sources/rest-fetcher.ts) in the private tier,
// reading only the secrets its file refers to and writing pages to the source's raw prefix. A
// failed run retries, then lands in the fetcher's failure queue, whose alarm notifies the alarm
// topic. The API is on the internet: the function's group admits HTTPS out, which needs a NAT
// (the pack's advisory `internet-egress-needs-nat` says when the stack has none).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ScheduledEvent } from "aws-lambda";
import { fetcherEnvironment, fetcherPackages, restFetcherHandler } from "../../functions/sources/lambda";
import type { FetchSummary } from "../../functions/sources/rest-fetcher";
import type { RestApiConfig } from "../../functions/sources/source-definition";
import { keyUseStatement, PolicyStatement } from "../iam";
import { InlineLambda } from "../inline-lambda";
import { environmentVariables } from "../lambda-environment";
import { schedule } from "../schedule";
import type { SourceIngestionBuilder } from "./ingestion";

/** Lambda's ceiling; a run's worst case is every page's every attempt timing out after its backoff. */
export function fetcherTimeoutSeconds(config: RestApiConfig): number {
    const perPage = config.retries.maxAttempts * (config.timeoutSeconds + config.retries.maxDelayMs / 1000);
    return Math.min(900, Math.max(60, Math.ceil(perPage * 2)));
}

/** Tag of functions that call the internet (the sandbox sends nothing off the machine). */
export const internetEgressTag = "dataplatform:egress";

export const restApiIngestion: SourceIngestionBuilder = (name, args, parent) => {
    const { platform, source, rawZone } = args;
    if (source.type !== "rest_api") {
        throw new Error(`${source.file}: the rest_api builder got a ${source.type} source`);
    }
    const zones = rawZone.bucket.arn;
    const secrets = source.secrets.map(reference => {
        const secret = args.secrets[reference];
        if (!secret) {
            throw new Error(`${source.file}: no secret was created for \${SECRET:${reference}}`);
        }
        return [reference, secret] as const;
    });
    const permissions: PolicyStatement[] = [
        {
            sid: "WritePages",
            actions: ["s3:PutObject", "s3:DeleteObject"],
            resources: [pulumi.interpolate`${zones}/${rawZone.prefix}*`],
        },
        {
            sid: "ListPages",
            actions: ["s3:ListBucket"],
            resources: [zones],
            condition: { StringLike: { "s3:prefix": [`${rawZone.prefix}*`] } },
        },
        ...(source.secrets.length > 0
            ? [{ sid: "ReadSourceSecrets", actions: ["secretsmanager:GetSecretValue"], resources: secrets.map(([, secret]) => secret.arn) }]
            : []),
        keyUseStatement(platform.encryptionKey.arn),
    ];
    if (source.secrets.length > 0) {
        platform.network.requireInterfaceEndpoints("secretsmanager");
    }
    const securityGroup = platform.network.clientSecurityGroup(`${name}-fetcher`, `${name}: the ${source.name} fetcher`);
    new aws.vpc.SecurityGroupEgressRule(
        `${name}-fetcher-internet`,
        {
            securityGroupId: securityGroup.id,
            ipProtocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrIpv4: "0.0.0.0/0",
            description: `HTTPS to ${new URL(source.config.endpoint).host} (through the NAT)`,
        },
        { parent },
    );
    const fetcher = new InlineLambda<ScheduledEvent, FetchSummary>(
        `${name}-fetcher`,
        {
            platform,
            description: `Fetches ${source.name} (${source.file}) into the raw zone`,
            handlerFactory: restFetcherHandler(source.config, {
                source: source.name,
                prefix: rawZone.prefix,
                partitionBy: source.destination.partitionBy,
            }),
            packages: [...fetcherPackages],
            permissions,
            securityGroup,
            invocation: { kind: "async" },
            environment: environmentVariables(fetcherEnvironment, {
                bucket: rawZone.bucket.bucket,
                // Names, which GetSecretValue takes as it takes ARNs, and which are known before the secrets exist.
                secretIds: pulumi.jsonStringify(Object.fromEntries(secrets.map(([reference, secret]) => [reference, secret.name]))),
            }),
            timeoutSeconds: fetcherTimeoutSeconds(source.config),
            // What the sandbox reads to leave it untriggered: it would call the API on the internet.
            tags: { ...args.tags, [internetEgressTag]: "internet" },
        },
        { parent },
    );
    // `${name}-fetcher-schedule`: the source's load has its own `${name}-schedule`.
    const rule = schedule(
        `${name}-fetcher`,
        {
            platform,
            expression: source.config.schedule,
            target: fetcher,
            runs: `the ${source.name} fetcher`,
            targetName: "the fetcher",
            tags: args.tags,
        },
        parent,
    );
    return { raw: rawZone, zoneNotifications: [], dependsOn: [fetcher, rule], notes: [] };
};
