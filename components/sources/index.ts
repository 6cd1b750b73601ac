// The dispatcher: each source type's ingestion builder (components/sources/ingestion.ts is the
// contract). A type whose builder is missing fails the program naming the source's file.
import * as pulumi from "@pulumi/pulumi";
import { emailSourceBuilder } from "./email-source";
import type { SourceIngestion, SourceIngestionArgs, SourceIngestionBuilders } from "./ingestion";
import { restApiIngestion } from "./rest-api-source";
import { s3Ingestion } from "./s3-source";
import { streamSourceBuilder } from "./stream-source";

export type {
    KnownStream,
    S3Location,
    SourceIngestion,
    SourceIngestionArgs,
    SourceIngestionBuilder,
    SourceIngestionBuilders,
    ZoneNotification,
} from "./ingestion";

export const sourceIngestionBuilders: SourceIngestionBuilders = {
    rest_api: restApiIngestion,
    s3: s3Ingestion,
    stream: streamSourceBuilder,
    email: emailSourceBuilder,
};

/** The ingestion the source's type needs. */
export function buildIngestion(
    name: string,
    args: SourceIngestionArgs,
    parent: pulumi.Resource,
    builders: SourceIngestionBuilders = sourceIngestionBuilders,
): SourceIngestion {
    return builders[args.source.type](name, args, parent);
}
