// The contract every source type's ingestion builder follows. A builder receives one validated
// source (config/sources.ts), the warehouse's raw zone under the source's prefix, the secrets the
// source refers to and the streams it may name; it creates what brings the source's data into raw
// (a fetcher, a checked landing prefix, a Firehose, an SES rule) and returns where the data lands,
// which the warehouse's crawler and Glue job of that source read.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformContext } from "../platform-context";
import type { SourceDefinition, SourceType } from "../../functions/sources/source-definition";

/** A bucket and a key prefix ending in "/". */
export interface S3Location {
    bucket: aws.s3.Bucket;
    prefix: string;
}

/** A Kinesis stream the program itself creates, which `stream` sources may name (`stream-ingest`). */
export interface KnownStream {
    stream: aws.kinesis.Stream;
    /** Where the stream's owner already archives it (StreamIngest's Firehose), when it does. */
    archive?: S3Location;
}

export interface SourceIngestionArgs {
    platform: PlatformContext;
    source: SourceDefinition;
    /** The warehouse's zone bucket and `raw/<destination.prefix>` in it: where the source lands. */
    rawZone: S3Location;
    /** `rejected/<source name>/` in the zone bucket: bad files, with a `.reason.json` each. */
    rejectedPrefix: string;
    /**
     * Secrets Manager secrets on the stack key, by the name `${SECRET:name}` uses. Only the
     * secrets this source refers to (`source.secrets`); their values are set outside the program.
     */
    secrets: Record<string, aws.secretsmanager.Secret>;
    /** Streams the program creates, by the name a `stream` source gives in `config.stream`. */
    streams: Record<string, KnownStream>;
    /** Whether the private tier has a route to the internet (a NAT); a fetcher needs one. */
    internetEgress: boolean;
    tags: Record<string, string>;
}

/**
 * A function the zone bucket notifies on uploads under a prefix. S3 keeps one notification
 * configuration per bucket, so the warehouse gathers every source's into one BucketNotification.
 */
export interface ZoneNotification {
    functionArn: pulumi.Input<string>;
    filterPrefix: string;
    filterSuffix?: string;
    /** The function's permission for the bucket to invoke it (the notification waits for it). */
    permission: aws.lambda.Permission;
}

export interface SourceIngestion {
    /** Where the source's raw files are: usually `rawZone`; an already archived stream names its archive. */
    raw: S3Location;
    /** Uploads to the zone bucket that invoke a function of this source (none when omitted). */
    zoneNotifications?: ZoneNotification[];
    /** Resources the source's first load should wait for (functions, notifications, deliveries). */
    dependsOn: pulumi.Resource[];
    /** Advisory notes for the plan (e.g. what the region or network does not offer). */
    notes: string[];
}

/** Builds one source's ingestion; every resource is named `${name}-…` with `{ parent }`. */
export type SourceIngestionBuilder = (name: string, args: SourceIngestionArgs, parent: pulumi.Resource) => SourceIngestion;

export type SourceIngestionBuilders = Record<SourceType, SourceIngestionBuilder>;
