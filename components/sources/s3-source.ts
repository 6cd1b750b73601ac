// s3 sources: a landing prefix in the zone bucket whose uploads notify the landing checker
// (functions/sources/landing-checker.ts), which moves a good file into the source's raw prefix and
// a bad one to rejected/<source>/ with a `.reason.json` saying why.
import * as pulumi from "@pulumi/pulumi";
import type { S3Event } from "aws-lambda";
import { landingCheckerHandler, landingPackages } from "../../functions/sources/lambda";
import type { LandingOutcome } from "../../functions/sources/landing-checker";
import { keyUseStatement } from "../iam";
import { InlineLambda } from "../inline-lambda";
import type { SourceIngestionBuilder } from "./ingestion";

/** Prefixes of the zone bucket the warehouse itself writes: a landing area cannot be inside one. */
export const reservedZonePrefixes = ["raw/", "processed/", "curated/", "rejected/", "tmp/", "artifacts/"];

export const s3Ingestion: SourceIngestionBuilder = (name, args, parent) => {
    const { platform, source, rawZone } = args;
    if (source.type !== "s3") {
        throw new Error(`${source.file}: the s3 builder got a ${source.type} source`);
    }
    const landing = source.config.landingPrefix;
    const reserved = reservedZonePrefixes.find(prefix => landing.startsWith(prefix));
    if (reserved) {
        throw new Error(`${source.file}: config.landingPrefix ${landing} is inside the warehouse's own ${reserved}`);
    }
    const zones = rawZone.bucket.arn;
    const checker = new InlineLambda<S3Event, LandingOutcome[]>(
        `${name}-landing`,
        {
            platform,
            description: `Checks ${source.name} uploads (${source.file}) and moves them into raw or rejected`,
            handlerFactory: landingCheckerHandler({
                source: source.name,
                landingPrefix: landing,
                rawPrefix: rawZone.prefix,
                rejectedPrefix: args.rejectedPrefix,
                maxSizeBytes: source.config.maxSizeMb * 1024 * 1024,
                format: source.schema.type,
                mapping: source.schema.mapping,
            }),
            packages: [...landingPackages],
            permissions: [
                {
                    sid: "TakeUploads",
                    actions: ["s3:GetObject", "s3:DeleteObject"],
                    resources: [pulumi.interpolate`${zones}/${landing}*`],
                },
                {
                    sid: "PlaceChecked",
                    actions: ["s3:PutObject"],
                    resources: [pulumi.interpolate`${zones}/${rawZone.prefix}*`, pulumi.interpolate`${zones}/${args.rejectedPrefix}*`],
                },
                keyUseStatement(platform.encryptionKey.arn),
            ],
            securityGroup: platform.network.clientSecurityGroup(`${name}-landing`, `${name}: the ${source.name} landing checker`),
            invocation: { kind: "async" },
            // Files of up to maxSizeMb are read whole: memory grows with them.
            memorySizeMb: Math.min(10_240, Math.max(256, source.config.maxSizeMb * 8)),
            timeoutSeconds: 300,
            tags: args.tags,
        },
        { parent },
    );
    const permission = checker.allowInvocation("zone-upload", "s3.amazonaws.com", zones);
    return {
        raw: rawZone,
        zoneNotifications: [{ functionArn: checker.function.arn, filterPrefix: landing, permission }],
        dependsOn: [checker],
        notes: [],
    };
};
