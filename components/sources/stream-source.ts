// A `stream` source: a Kinesis stream (StreamIngest's, by name, or an external one, by ARN) archived
// to the raw zone under the source's prefix by its own Firehose (components/stream-archive.ts), or,
// with `archive: existing`, the archive the stream's owner already writes, adding nothing.
import type { PartitionPart } from "../../functions/sources/source-definition";
import { createStreamArchive } from "../stream-archive";
import type { SourceIngestion, SourceIngestionArgs, SourceIngestionBuilder } from "./ingestion";

const timestampFormats: Record<PartitionPart, string> = { year: "yyyy", month: "MM", day: "dd", hour: "HH" };

/** `year=!{timestamp:yyyy}/month=!{timestamp:MM}/` for the parts a source partitions by. */
export function firehosePartitions(parts: PartitionPart[]): string {
    return parts.map(part => `${part}=!{timestamp:${timestampFormats[part]}}/`).join("");
}

/** Where Firehose writes what it could not deliver: the source's rejected prefix, by error type. */
export function firehoseErrorPrefix(rejectedPrefix: string, parts: PartitionPart[]): string {
    // Firehose accepts expressions in the error prefix only when the object prefix has them too.
    return parts.length === 0
        ? `${rejectedPrefix}firehose/`
        : `${rejectedPrefix}firehose/!{firehose:error-output-type}/${firehosePartitions(parts)}`;
}

function existingArchive(name: string, args: SourceIngestionArgs, stream: string): SourceIngestion {
    const archive = args.streams[stream]?.archive;
    if (!archive) {
        throw new Error(
            `${args.source.file}: ${name}: config.archive "existing" needs a stream the program already archives (${
                Object.keys(args.streams)
                    .filter(key => args.streams[key].archive)
                    .join(", ") || "none"
            }), not ${stream}`,
        );
    }
    return { raw: archive, dependsOn: [], notes: [] };
}

export const streamSourceBuilder: SourceIngestionBuilder = (name, args, parent) => {
    const { source, platform, rawZone } = args;
    if (source.type !== "stream") {
        throw new Error(`${source.file}: the stream builder got a ${source.type} source`);
    }
    const { config } = source;
    if (config.archive === "existing") {
        return existingArchive(name, args, config.stream);
    }
    const known = args.streams[config.stream];
    if (!known && !config.stream.startsWith("arn:")) {
        throw new Error(`${source.file}: ${name}: config.stream ${config.stream} is neither a stream of this program nor an ARN`);
    }
    const parts = source.destination.partitionBy;
    const archive = createStreamArchive(
        name,
        {
            platform,
            streamArn: known ? known.stream.arn : config.stream,
            bucket: rawZone.bucket,
            bucketReady: [],
            objectPrefix: `${rawZone.prefix}${firehosePartitions(parts)}`,
            errorPrefix: firehoseErrorPrefix(args.rejectedPrefix, parts),
            writablePrefixes: [rawZone.prefix, `${args.rejectedPrefix}firehose/`],
            bufferSizeMb: config.bufferMb,
            bufferIntervalSeconds: config.bufferSeconds,
            description: `${name}: Firehose archives the ${source.name} stream to raw/${source.destination.prefix}`,
            tags: args.tags,
        },
        parent,
    );
    return { raw: rawZone, dependsOn: [archive.deliveryStream], notes: [] };
};
