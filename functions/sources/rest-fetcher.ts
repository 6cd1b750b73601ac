// The rest_api fetcher: one run reads every page of the source's endpoint for one window and writes
// each page's records as JSON lines to the raw zone, under keys named by the window. A re-run of the
// window overwrites its pages and deletes pages a previous run wrote beyond the new last one, then
// writes the run summary next to them. Any failure throws (async invocation: retried, then the
// failure queue and its alarm).
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import type { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";

import { HttpDeps, requestJson } from "./http-request";
import { nextPage, pageQuery, recordsOf } from "./pagination";
import { pageKey, pageNumberOf, windowOf, windowPrefix } from "./raw-keys";
import { renderSecrets } from "./references";
import { readSecrets } from "./secret-values";
import type { PartitionPart, RestApiConfig } from "./source-definition";

export interface FetcherDeps extends HttpDeps {
    s3: S3Client;
    secrets: SecretsManagerClient;
}

export interface FetcherTarget {
    source: string;
    bucket: string;
    /** Raw-zone prefix of the source, e.g. raw/customers/ */
    prefix: string;
    partitionBy: PartitionPart[];
    /** Secret reference name to the secret's ARN (or name). */
    secretIds: Record<string, string>;
}

export interface FetchSummary {
    source: string;
    window: string;
    pages: number;
    records: number;
    requests: number;
    /** The page cap stopped the run while the API had more pages. */
    capped: boolean;
    keys: string[];
    removedStaleKeys: string[];
}

function urlWith(endpoint: string, query: Record<string, string>): string {
    const url = new URL(endpoint);
    for (const [name, value] of Object.entries(query)) {
        url.searchParams.set(name, value);
    }
    return url.toString();
}

async function removeStalePages(s3: S3Client, bucket: string, folder: string, pages: number): Promise<string[]> {
    const stale: string[] = [];
    let token: string | undefined;
    do {
        const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: folder, ContinuationToken: token }));
        for (const object of listing.Contents ?? []) {
            const page = object.Key ? pageNumberOf(object.Key) : undefined;
            if (object.Key && page !== undefined && page > pages) {
                stale.push(object.Key);
            }
        }
        token = listing.IsTruncated ? listing.NextContinuationToken : undefined;
    } while (token);
    for (let i = 0; i < stale.length; i += 1000) {
        await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: stale.slice(i, i + 1000).map(Key => ({ Key })) } }));
    }
    return stale;
}

export async function fetchWindow(deps: FetcherDeps, config: RestApiConfig, target: FetcherTarget, time: Date): Promise<FetchSummary> {
    const secrets = await readSecrets(deps.secrets, target.secretIds);
    const headers = Object.fromEntries(Object.entries(config.headers).map(([name, value]) => [name, renderSecrets(value, secrets)]));
    const query = Object.fromEntries(Object.entries(config.query).map(([name, value]) => [name, renderSecrets(value, secrets)]));
    const body = config.body === undefined ? undefined : JSON.stringify(config.body);
    if (body !== undefined) {
        headers["content-type"] ??= "application/json";
    }
    const folder = windowPrefix(target.prefix, time, target.partitionBy);
    const summary: FetchSummary = {
        source: target.source,
        window: windowOf(time),
        pages: 0,
        records: 0,
        requests: 0,
        capped: false,
        keys: [],
        removedStaleKeys: [],
    };
    let token: string | undefined;
    for (let index = 0; ; index++) {
        const url = urlWith(config.endpoint, { ...query, ...pageQuery(config.pagination, index, token) });
        const response = await requestJson(deps, {
            url,
            method: config.method,
            headers,
            body,
            timeoutSeconds: config.timeoutSeconds,
            retries: config.retries,
        });
        const records = recordsOf(response.body, config.recordsPath);
        summary.requests += response.attempts;
        const key = pageKey(folder, index + 1);
        const lines = records.map(record => JSON.stringify(record)).join("\n");
        await deps.s3.send(new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: lines, ContentType: "application/x-ndjson" }));
        summary.pages += 1;
        summary.records += records.length;
        summary.keys.push(key);
        const next = nextPage(config.pagination, response.body, records);
        token = next.token;
        if (!next.more) {
            break;
        }
        if (summary.pages >= config.pagination.maxPages) {
            summary.capped = true;
            break;
        }
    }
    summary.removedStaleKeys = await removeStalePages(deps.s3, target.bucket, folder, summary.pages);
    await deps.s3.send(
        new PutObjectCommand({
            Bucket: target.bucket,
            Key: `${folder}_summary.json`,
            Body: JSON.stringify(summary),
            ContentType: "application/json",
        }),
    );
    return summary;
}
