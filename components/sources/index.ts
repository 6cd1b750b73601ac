// The dispatcher: each source type's ingestion builder (components/sources/ingestion.ts is the
// contract). A type whose builder is missing fails the program naming the source's file.
import * as pulumi from "@pulumi/pulumi";
import type { SourceType } from "../../functions/sources/source-definition";
import { emailSourceBuilder } from "./email-source";
import type { SourceIngestion, SourceIngestionArgs, SourceIngestionBuilder, SourceIngestionBuilders } from "./ingestion";
import { streamSourceBuilder } from "./stream-source";

export type { KnownStream, S3Location, SourceIngestion, SourceIngestionArgs, SourceIngestionBuilder } from "./ingestion";

function notBuilt(type: SourceType): SourceIngestionBuilder {
    return (name, args) => {
        throw new Error(`${args.source.file}: ingestion for sources of type ${type} is not built yet (${name})`);
    };
}

export const sourceIngestionBuilders: SourceIngestionBuilders = {
    rest_api: notBuilt("rest_api"),
    s3: notBuilt("s3"),
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
