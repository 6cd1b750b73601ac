// The rest_api fetcher against a local HTTP API on 127.0.0.1, with moto's S3 and Secrets Manager.
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { expect } from "chai";

import { isSourceRequestError } from "../../../functions/sources/http-request";
import { FetcherDeps, FetcherTarget, fetchWindow } from "../../../functions/sources/rest-fetcher";
import type { Pagination, RestApiConfig } from "../../../functions/sources/source-definition";
import { awsClientConfig, requireService, resetMoto, s3ClientConfig } from "../../support/services";
import { LocalApi } from "./api-server";

const bucket = "warehouse-zones";
const time = new Date("2026-12-01T10:00:27Z");
const records = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, name: `customer ${i + 1}` }));

describe("functions/sources: rest_api fetcher (local API, moto S3 and Secrets Manager)", () => {
    const api = new LocalApi();
    let base: string;
    let s3: S3Client;
    let secrets: SecretsManagerClient;
    let delays: number[];
    let deps: FetcherDeps;

    before(async () => {
        await requireService("moto");
        base = await api.start();
        s3 = new S3Client(s3ClientConfig());
        secrets = new SecretsManagerClient(awsClientConfig());
    });
    after(() => api.stop());
    beforeEach(async () => {
        await resetMoto();
        await s3.send(new CreateBucketCommand({ Bucket: bucket }));
        api.requests.length = 0;
        api.failures = [];
        api.alwaysStatus = undefined;
        api.records = records;
        delays = [];
        deps = { s3, secrets, fetch, sleep: async ms => void delays.push(ms), random: () => 0.5 };
    });

    const target: FetcherTarget = {
        source: "customers",
        bucket,
        prefix: "raw/customers/",
        partitionBy: ["year", "month", "day"],
        secretIds: {},
    };
    const folder = "raw/customers/year=2026/month=12/day=01/window=2026-12-01T1000Z/";

    function config(path: string, pagination: Pagination, extra: Partial<RestApiConfig> = {}): RestApiConfig {
        return {
            endpoint: `${base}${path}`,
            method: "GET",
            headers: {},
            query: {},
            schedule: "rate(1 hour)",
            recordsPath: "",
            pagination,
            timeoutSeconds: 2,
            retries: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1000 },
            ...extra,
        };
    }

    async function text(key: string): Promise<string> {
        return (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
    }

    async function storedRecords(): Promise<unknown[]> {
        const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: folder }));
        const pages = (listing.Contents ?? [])
            .map(o => o.Key!)
            .filter(k => k.endsWith(".jsonl"))
            .sort();
        const lines = await Promise.all(pages.map(async key => (await text(key)).split("\n").filter(Boolean)));
        return lines.flat().map(line => JSON.parse(line));
    }

    it("offset style: offset/limit until a short page, every record in the raw zone, a summary next to them", async () => {
        const summary = await fetchWindow(
            deps,
            config("/offset", { style: "offset", offsetParam: "offset", limitParam: "limit", pageSize: 3, maxPages: 10 }),
            target,
            time,
        );
        expect(api.requests.map(r => r.query)).to.deep.equal([
            { offset: "0", limit: "3" },
            { offset: "3", limit: "3" },
            { offset: "6", limit: "3" },
        ]);
        expect(await storedRecords()).to.deep.equal(records);
        expect(summary).to.include({ source: "customers", window: "2026-12-01T1000Z", pages: 3, records: 7, requests: 3, capped: false });
        expect(summary.keys).to.deep.equal([1, 2, 3].map(n => `${folder}page-0000${n}.jsonl`));
        expect(JSON.parse(await text(`${folder}_summary.json`))).to.deep.equal(summary);
    });

    it("page style: page numbers from 1 with a page size, records read at recordsPath", async () => {
        const pagination: Pagination = { style: "page", pageParam: "page", sizeParam: "per_page", pageSize: 4, firstPage: 1, maxPages: 10 };
        const summary = await fetchWindow(deps, config("/page", pagination, { recordsPath: "data" }), target, time);
        expect(api.requests.map(r => r.query)).to.deep.equal([
            { page: "1", per_page: "4" },
            { page: "2", per_page: "4" },
        ]);
        expect(summary.records).to.equal(7);
        expect(await storedRecords()).to.deep.equal(records);
    });

    it("token style: follows the next token until it is null; the page cap stops it and says so", async () => {
        const pagination: Pagination = { style: "token", tokenParam: "cursor", tokenPath: "result.next", maxPages: 10 };
        const full = await fetchWindow(
            deps,
            config("/token", pagination, { recordsPath: "result.items", query: { status: "open" } }),
            target,
            time,
        );
        expect(api.requests.map(r => r.query)).to.deep.equal([
            { status: "open" },
            { status: "open", cursor: "c2" },
            { status: "open", cursor: "c4" },
            { status: "open", cursor: "c6" },
        ]);
        expect(full).to.include({ pages: 4, records: 7, capped: false });
        api.requests.length = 0;
        const capped = await fetchWindow(
            deps,
            config("/token", { ...pagination, maxPages: 2 }, { recordsPath: "result.items" }),
            target,
            time,
        );
        expect(api.requests).to.have.length(2);
        expect(capped).to.include({ pages: 2, records: 4, capped: true });
    });

    it("429 then success: waits as Retry-After says and goes on", async () => {
        api.failures = [429];
        const summary = await fetchWindow(deps, config("/", { style: "none", maxPages: 1 }), target, time);
        expect(api.requests).to.have.length(2);
        expect(delays).to.deep.equal([0], "Retry-After: 0");
        expect(summary).to.include({ pages: 1, records: 7, requests: 2 });
    });

    it("500 until it gives up: backs off exponentially, then throws with the last status and writes nothing", async () => {
        api.alwaysStatus = 500;
        const retries = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300 };
        const error = await fetchWindow(deps, config("/", { style: "none", maxPages: 1 }, { retries }), target, time).catch(e => e);
        expect(isSourceRequestError(error)).to.equal(true);
        expect(error.message).to.contain("gave up after 4 attempts (last: HTTP 500)");
        expect(api.requests).to.have.length(4);
        expect(delays).to.deep.equal([75, 150, 225], "half of the capped ceiling plus half of it times random=0.5");
        const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
        expect(listing.Contents ?? []).to.have.length(0);
    });

    it("a 4xx other than 429 is not retried", async () => {
        api.alwaysStatus = 404;
        const error = await fetchWindow(deps, config("/", { style: "none", maxPages: 1 }), target, time).catch(e => e);
        expect(error.message).to.match(/HTTP 404/);
        expect(api.requests).to.have.length(1);
    });

    it("builds the auth header from a secret in Secrets Manager; the config holds only the reference", async () => {
        const created = await secrets.send(new CreateSecretCommand({ Name: "customer_api_key", SecretString: "s3cr3t-token" }));
        const withSecret = { ...target, secretIds: { customer_api_key: created.ARN! } };
        const headers = { Authorization: "Bearer ${SECRET:customer_api_key}" };
        const summary = await fetchWindow(deps, config("/private", { style: "none", maxPages: 1 }, { headers }), withSecret, time);
        expect(api.requests[0].headers.authorization).to.equal("Bearer s3cr3t-token");
        expect(summary.records).to.equal(7);
        expect(JSON.stringify(summary)).not.to.contain("s3cr3t");
    });

    it("a timeout counts as a failed attempt", async () => {
        const slow = {
            ...deps,
            fetch: ((url: string, init: RequestInit) =>
                fetch(`${url}`, init).then(
                    () => new Promise<Response>((_, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason))),
                )) as typeof fetch,
        };
        const error = await fetchWindow(
            slow,
            config("/", { style: "none", maxPages: 1 }, { timeoutSeconds: 1, retries: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } }),
            target,
            time,
        ).catch(e => e);
        expect(error.message).to.contain("gave up after 2 attempts (last: no response within 1s)");
    });

    it("a re-run of the same window overwrites its pages and removes pages beyond the new last one", async () => {
        const pagination: Pagination = { style: "offset", offsetParam: "offset", limitParam: "limit", pageSize: 3, maxPages: 10 };
        await fetchWindow(deps, config("/offset", pagination), target, time);
        api.records = records.slice(0, 4).map(r => ({ ...r, name: `${r.name} (corrected)` }));
        const again = await fetchWindow(deps, config("/offset", pagination), target, new Date("2026-12-01T10:00:59Z"));
        expect(again.removedStaleKeys).to.deep.equal([`${folder}page-00003.jsonl`]);
        expect(await storedRecords()).to.deep.equal(api.records, "no record of the first run is left twice");
        const other = await fetchWindow(deps, config("/offset", pagination), target, new Date("2026-12-01T11:00:00Z"));
        expect(other.keys[0]).to.contain("window=2026-12-01T1100Z/");
    });
});
