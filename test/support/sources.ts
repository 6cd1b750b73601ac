// The repository's sources/ as the program loads them, for tests that build the warehouse.
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import type { SourceIngestionSettings } from "../../components/batch-warehouse";
import { SecureBucket } from "../../components/secure-bucket";
import { buildIngestion } from "../../components/sources";
import { loadSources } from "../../config/sources";
import type { SourceDefinition } from "../../functions/sources/source-definition";

export const repositorySourcesDir = path.resolve(__dirname, "..", "..", "sources");

export function repositorySources(): SourceDefinition[] {
    return loadSources(repositorySourcesDir);
}

/** sources/online-retail.json alone: the warehouse as it was before it loaded several sources. */
export function retailSourceOnly(): SourceDefinition[] {
    return repositorySources().filter(source => source.name === "online_retail");
}

/** What index.ts passes for ingestion, with a stand-in for StreamIngest's stream and archive. */
export function testIngestion(name: string, encryptionKey: aws.kms.Key, internetEgress = false): SourceIngestionSettings {
    const archive = new SecureBucket(`${name}-archive`, { encryptionKey });
    const stream = new aws.kinesis.Stream(`${name}-stream`, { shardCount: 1 });
    return {
        build: buildIngestion,
        streams: { "stream-ingest": { stream, archive: { bucket: archive.bucket, prefix: "raw/events/" } } },
        internetEgress,
    };
}
