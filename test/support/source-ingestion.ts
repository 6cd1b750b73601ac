// What a source ingestion builder receives, built under mocks for component tests: a platform, a
// zone bucket, a parent component and the source parsed from a shipped example file (or its text).
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as yaml from "js-yaml";
import { checkSourceDocument } from "../../config/sources";
import type { KnownStream, SourceIngestionArgs } from "../../components/sources/ingestion";
import { SecureBucket } from "../../components/secure-bucket";
import type { SourceDefinition } from "../../functions/sources/source-definition";
import { REPO_ROOT } from "./services";
import { testPlatform } from "./platform";

/** A source from a document (the file's parsed content); throws the loader's problems. */
export function sourceOf(file: string, document: unknown): SourceDefinition {
    const result = checkSourceDocument(file, document);
    if (Array.isArray(result)) {
        throw new Error(result.map(p => `${p.path}: ${p.expected}`).join("\n"));
    }
    return result;
}

/** A shipped example under sources/. */
export function exampleSource(name: string): SourceDefinition {
    const text = readFileSync(path.join(REPO_ROOT, "sources", name), "utf8");
    return sourceOf(`sources/${name}`, name.endsWith(".json") ? JSON.parse(text) : yaml.load(text, { schema: yaml.JSON_SCHEMA }));
}

export interface IngestionFixture {
    parent: pulumi.ComponentResource;
    zone: SecureBucket;
    args: SourceIngestionArgs;
}

/** Builder arguments as the warehouse gives them, every resource named after `prefix`. */
export function ingestionFixture(prefix: string, source: SourceDefinition, streams: Record<string, KnownStream> = {}): IngestionFixture {
    const { platform } = testPlatform(prefix);
    const parent = new pulumi.ComponentResource("dataplatform:test:Sources", prefix);
    const zone = new SecureBucket(`${prefix}-zones`, { encryptionKey: platform.encryptionKey }, { parent });
    return {
        parent,
        zone,
        args: {
            platform,
            source,
            rawZone: { bucket: zone.bucket, prefix: `raw/${source.destination.prefix}` },
            rejectedPrefix: `rejected/${source.name}/`,
            secrets: {},
            streams,
            internetEgress: false,
            tags: { source: source.name },
        },
    };
}

/** A Kinesis stream of the program, on the stack key. */
export function knownStream(prefix: string, parent: pulumi.Resource, key: aws.kms.Key): KnownStream {
    const stream = new aws.kinesis.Stream(`${prefix}-stream`, { encryptionType: "KMS", kmsKeyId: key.arn }, { parent });
    return { stream };
}
