// The dispatcher: each source type's ingestion builder (components/sources/ingestion.ts is the
// contract). A type whose builder is missing fails the program naming the source's file.
import * as pulumi from "@pulumi/pulumi";
import type { SourceType } from "../../functions/sources/source-definition";
import type { SourceIngestion, SourceIngestionArgs, SourceIngestionBuilder, SourceIngestionBuilders } from "./ingestion";
import { restApiIngestion } from "./rest-api-source";
import { s3Ingestion } from "./s3-source";

export type {
    KnownStream,
    S3Location,
    SourceIngestion,
    SourceIngestionArgs,
    SourceIngestionBuilder,
    SourceIngestionBuilders,
    ZoneNotification,
} from "./ingestion";

function notBuilt(type: SourceType): SourceIngestionBuilder {
    return (name, args) => {
        throw new Error(`${args.source.file}: ingestion for sources of type ${type} is not built yet (${name})`);
    };
}

/**
 * A stream its owner archives already (`config.archive: existing`, StreamIngest's Firehose): no
 * second Firehose; the source's raw data is that archive, which must be where the file says.
 */
export const existingArchiveIngestion: SourceIngestionBuilder = (_name, args) => {
    const { source } = args;
    if (source.type !== "stream" || source.config.archive !== "existing") {
        throw new Error(`${source.file}: not a stream source with archive: existing`);
    }
    const archive = args.streams[source.config.stream]?.archive;
    if (!archive) {
        throw new Error(`${source.file}: config.archive is existing, but ${source.config.stream} is not archived by the program`);
    }
    if (archive.prefix !== `raw/${source.destination.prefix}`) {
        throw new Error(
            `${source.file}: destination.prefix ${source.destination.prefix} must name where ${source.config.stream} is archived (${archive.prefix.slice("raw/".length)})`,
        );
    }
    return { raw: archive, zoneNotifications: [], dependsOn: [], notes: [] };
};

export const sourceIngestionBuilders: SourceIngestionBuilders = {
    rest_api: restApiIngestion,
    s3: s3Ingestion,
    stream: notBuilt("stream"),
    email: notBuilt("email"),
};

/** The ingestion the source's type needs. */
export function buildIngestion(
    name: string,
    args: SourceIngestionArgs,
    parent: pulumi.Resource,
    builders: SourceIngestionBuilders = sourceIngestionBuilders,
): SourceIngestion {
    const { source } = args;
    if (source.type === "stream" && source.config.archive === "existing") {
        return existingArchiveIngestion(name, args, parent);
    }
    return builders[source.type](name, args, parent);
}
