// Tier 4: the rest_api fetcher and the s3 landing checker as their builders would upload them, each
// run in a fresh process with only its archive, on real event shapes: an EventBridge scheduled event
// for the fetcher (a local API on 127.0.0.1, its token from a moto secret), and the S3 event moto
// delivers through the notification filter the s3 builder declares for the landing checker.
import { expect } from "chai";
import * as aws from "@pulumi/aws";
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { s3EventsToQueue } from "../../support/s3-event-queue";
import type { S3Event, ScheduledEvent } from "aws-lambda";
import { restApiIngestion } from "../../../components/sources/rest-api-source";
import { s3Ingestion } from "../../../components/sources/s3-source";
import type { InlineLambda } from "../../../components/inline-lambda";
import type { LandingOutcome } from "../../../functions/sources/landing-checker";
import type { FetchSummary } from "../../../functions/sources/rest-fetcher";
import { LocalApi } from "../../functions/sources/api-server";
import { mocked } from "../../support/pulumi";
import { exampleSource, ingestionFixture, sourceOf } from "../../support/source-ingestion";
import { invokeInFreshProcess, LambdaArchive, materialize } from "../../support/serialized-lambda";
import { awsClientConfig, motoEnvironment, requireService, resetMoto, s3ClientConfig } from "../../support/services";

const bucket = "sources-tier4";
const s3 = () => new S3Client(s3ClientConfig());

/** What EventBridge sends a scheduled rule's target. */
function scheduledEvent(time: string): ScheduledEvent {
    return {
        version: "0",
        id: "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
        "detail-type": "Scheduled Event",
        source: "aws.events",
        account: "123456789012",
        time,
        region: "us-east-1",
        resources: ["arn:aws:events:us-east-1:123456789012:rule/tier4-fetch-fetcher-schedule"],
        detail: {},
    };
}

async function keysUnder(prefix: string): Promise<string[]> {
    const listing = await s3().send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
    return (listing.Contents ?? []).map(object => object.Key!).sort();
}

async function text(key: string): Promise<string> {
    return (await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
}

function fetcherSource(endpoint: string, retries: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number }) {
    const source = sourceOf("sources/orders.yaml", {
        source: {
            name: "orders",
            type: "rest_api",
            config: {
                endpoint: "https://api.example.com/page",
                headers: { Authorization: "Bearer ${SECRET:orders_token}" },
                schedule: "rate(1 hour)",
                recordsPath: "data",
                pagination: { style: "page", pageParam: "page", sizeParam: "per_page", pageSize: 3 },
                timeoutSeconds: 2,
                retries,
            },
            schema: { type: "json", mapping: { id: { from: "id", type: "integer" }, name: "name" } },
            destination: { bucket: "${BUCKET:processed}", prefix: "orders/" },
            redshift: { schema: "sales", table: "orders" },
        },
    });
    // The file admits https only; the function reaches the local API the same way it would the real one.
    return source.type === "rest_api" ? { ...source, config: { ...source.config, endpoint } } : source;
}

describe("sources: rest_api fetcher and s3 landing checker, serialized (tier 4)", function () {
    this.timeout(180_000);
    const api = new LocalApi();
    let base: string;

    before(async () => {
        await requireService("moto");
        await resetMoto();
        await mocked();
        base = await api.start();
        await s3().send(new CreateBucketCommand({ Bucket: bucket }));
        await new SecretsManagerClient(awsClientConfig()).send(
            new CreateSecretCommand({ Name: "dataplatform/dev/sources/orders_token", SecretString: "s3cr3t-token" }),
        );
        api.records = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, name: `order ${i + 1}` }));
    });
    after(() => api.stop());

    describe("the fetcher", () => {
        let archive: LambdaArchive;
        let environment: Record<string, string>;
        before(async () => {
            archive = await materialize(await builtFetcher("tier4-fetch", `${base}/page`));
            environment = {
                ...motoEnvironment(),
                SOURCE_ZONES_BUCKET: bucket,
                SOURCE_SECRET_IDS: JSON.stringify({ orders_token: "dataplatform/dev/sources/orders_token" }),
            };
        });

        it("uploads one bundled file with the fetcher's packages and the zone bucket and secret ARNs in its environment", () => {
            expect(archive.files).to.deep.equal(["__index.js"]);
            expect(archive.packages).to.include.members(["@aws-sdk/client-s3", "@aws-sdk/client-secrets-manager"]);
            expect(archive.packages).to.not.include.members(["postal-mime", "csv-parse"]);
            expect(archive.environment).to.include.keys(["SOURCE_ZONES_BUCKET", "SOURCE_SECRET_IDS"]);
            expect(archive.source).to.not.contain("s3cr3t-token");
        });

        it("fetches every page of the scheduled window with the secret's token, and a re-run overwrites the same keys", async () => {
            api.requests.length = 0;
            const event = scheduledEvent("2026-12-01T10:00:00Z");
            const first = await invokeInFreshProcess<FetchSummary>(archive, event, environment);
            expect(first.error, JSON.stringify(first.error)).to.equal(undefined);
            expect(first.result).to.deep.include({ source: "orders", pages: 3, records: 7, capped: false });
            expect(api.requests.every(request => request.headers.authorization === "Bearer s3cr3t-token")).to.equal(true);
            const folder = "raw/orders/year=2026/month=12/day=01/window=2026-12-01T1000Z/";
            const keys = await keysUnder(folder);
            expect(keys).to.deep.equal([
                `${folder}_summary.json`,
                `${folder}page-00001.jsonl`,
                `${folder}page-00002.jsonl`,
                `${folder}page-00003.jsonl`,
            ]);
            expect((await text(`${folder}page-00003.jsonl`)).trim()).to.equal(JSON.stringify({ id: 7, name: "order 7" }));

            const again = await invokeInFreshProcess<FetchSummary>(archive, event, environment);
            expect(again.ok).to.equal(true);
            expect(await keysUnder("raw/orders/")).to.deep.equal(keys);
        });

        it("fails the invocation (so Lambda retries, then the failure queue) when the API keeps answering 500", async () => {
            const failing = await materialize(
                await builtFetcher("tier4-fail", `${base}/page`, { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 }),
            );
            api.alwaysStatus = 500;
            try {
                const run = await invokeInFreshProcess<FetchSummary>(failing, scheduledEvent("2026-12-01T11:00:00Z"), environment);
                expect(run.ok, JSON.stringify(run)).to.equal(false);
                expect(JSON.stringify(run.error)).to.match(/500/);
            } finally {
                api.alwaysStatus = undefined;
            }
            expect(await keysUnder("raw/orders/year=2026/month=12/day=01/window=2026-12-01T1100Z/")).to.deep.equal([]);
        });
    });

    describe("the landing checker", () => {
        let archive: LambdaArchive;
        let sqs: SQSClient;
        let queueUrl: string;
        before(async () => {
            const fixture = ingestionFixture("tier4-land", exampleSource("store_uploads.yaml"));
            const ingestion = s3Ingestion("tier4-land", fixture.args, fixture.parent);
            const [notification] = ingestion.zoneNotifications!;
            archive = await materialize(ingestion.dependsOn[0] as InlineLambda<S3Event, LandingOutcome[]>);
            // moto announces uploads to a queue with the filter the builder declares for the zone bucket.
            ({ sqs, queueUrl } = await s3EventsToQueue(bucket, "sources-tier4-uploads", { prefix: notification.filterPrefix }));
        });

        async function upload(key: string, body: string): Promise<S3Event> {
            await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
            for (let attempt = 0; attempt < 5; attempt++) {
                const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
                const event = (Messages ?? []).map(m => JSON.parse(m.Body!) as Partial<S3Event>).find(body => Array.isArray(body.Records));
                if (event) return event as S3Event;
            }
            throw new Error(`moto announced no upload of ${key}`);
        }

        it("moves a good upload into the source's raw prefix", async () => {
            const event = await upload("landing/store_uploads/2026-12-01/store-7.csv", "store_id,day,revenue\n7,2026-12-01,1234.50\n");
            const run = await invokeInFreshProcess<LandingOutcome[]>(archive, event, motoEnvironment());
            expect(run.error, JSON.stringify(run.error)).to.equal(undefined);
            expect(run.result).to.deep.equal([
                {
                    key: "landing/store_uploads/2026-12-01/store-7.csv",
                    accepted: true,
                    destination: "raw/stores/revenue/2026-12-01/store-7.csv",
                    records: 1,
                },
            ]);
            expect(await keysUnder("landing/store_uploads/")).to.deep.equal([]);
            expect(await text("raw/stores/revenue/2026-12-01/store-7.csv")).to.contain("1234.50");
        });

        it("moves a bad upload to rejected/ with the reason beside it, without failing the invocation", async () => {
            const event = await upload("landing/store_uploads/2026-12-01/store-8.csv", "store_id,day,revenue\n8,someday,12\n");
            const run = await invokeInFreshProcess<LandingOutcome[]>(archive, event, motoEnvironment());
            expect(run.ok).to.equal(true);
            expect(run.result![0]).to.deep.include({ accepted: false, destination: "rejected/store_uploads/2026-12-01/store-8.csv" });
            const reason = JSON.parse(await text("rejected/store_uploads/2026-12-01/store-8.csv.reason.json")) as { reason: string };
            expect(reason.reason).to.contain("record 1: day is not a timestamp");
            expect(await keysUnder("raw/stores/revenue/2026-12-01/store-8")).to.deep.equal([]);
        });
    });
});

async function builtFetcher(
    prefix: string,
    endpoint: string,
    retries?: { maxAttempts: number; baseDelayMs: number; maxDelayMs: number },
): Promise<InlineLambda<ScheduledEvent, FetchSummary>> {
    const fixture = ingestionFixture(prefix, fetcherSource(endpoint, retries ?? { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 }));
    const secret = new aws.secretsmanager.Secret(`${prefix}-token`, {}, { parent: fixture.parent });
    const ingestion = restApiIngestion(prefix, { ...fixture.args, secrets: { orders_token: secret } }, fixture.parent);
    return ingestion.dependsOn[0] as InlineLambda<ScheduledEvent, FetchSummary>;
}
