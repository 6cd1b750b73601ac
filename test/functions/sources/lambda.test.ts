// The handler factories as a container runs them: clients and settings from the environment
// (pointed at moto), then invocations with real event shapes.
import { CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import type { S3Event } from "aws-lambda";
import { expect } from "chai";

import { landingCheckerHandler, restFetcherHandler } from "../../../functions/sources/lambda";
import { awsClientConfig, motoEnvironment, requireService, resetMoto, s3ClientConfig } from "../../support/services";
import { LocalApi } from "./api-server";

const bucket = "warehouse-zones";

function s3Event(key: string, size: number): S3Event {
    const record = {
        eventName: "ObjectCreated:Put",
        s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, "/"), size } },
    };
    return { Records: [record] } as unknown as S3Event;
}

describe("functions/sources/lambda: handler factories with settings from the environment (moto)", () => {
    const api = new LocalApi();
    const saved = { ...process.env };
    let s3: S3Client;
    let base: string;
    before(async () => {
        await requireService("moto");
        base = await api.start();
        s3 = new S3Client(s3ClientConfig());
    });
    after(async () => {
        process.env = saved;
        await api.stop();
    });
    beforeEach(async () => {
        await resetMoto();
        await s3.send(new CreateBucketCommand({ Bucket: bucket }));
        process.env = { ...saved, ...motoEnvironment(), SOURCE_ZONES_BUCKET: bucket };
    });

    it("the fetcher reads its bucket and secret ARNs from the environment and names the window from the event's time", async () => {
        const secret = await new SecretsManagerClient(awsClientConfig()).send(
            new CreateSecretCommand({ Name: "customer_api_key", SecretString: "s3cr3t-token" }),
        );
        process.env.SOURCE_SECRET_IDS = JSON.stringify({ customer_api_key: secret.ARN });
        api.records = [{ id: 1 }];
        const handler = restFetcherHandler(
            {
                endpoint: `${base}/private`,
                method: "GET",
                headers: { Authorization: "Bearer ${SECRET:customer_api_key}" },
                query: {},
                schedule: "rate(1 hour)",
                recordsPath: "",
                pagination: { style: "none", maxPages: 1 },
                timeoutSeconds: 2,
                retries: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
            },
            { source: "customers", prefix: "raw/customers/", partitionBy: ["year"] },
        )();
        const summary = await handler({ time: "2026-12-01T10:00:00Z" });
        expect(summary.keys).to.deep.equal(["raw/customers/year=2026/window=2026-12-01T1000Z/page-00001.jsonl"]);
    });

    it("the landing checker handles an S3 notification with an encoded key", async () => {
        const key = "landing/stores/day 1.csv";
        const body = "store_id\ns1\n";
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
        const handler = landingCheckerHandler({
            source: "stores",
            landingPrefix: "landing/stores/",
            rawPrefix: "raw/stores/",
            rejectedPrefix: "rejected/stores/",
            maxSizeBytes: 1000,
            format: "csv",
            mapping: { store_id: { from: "store_id", type: "string", required: true } },
        })();
        const outcomes = await handler(s3Event(key, body.length));
        expect(outcomes.map(o => o.destination)).to.deep.equal(["raw/stores/day 1.csv"]);
        const listing = await s3.send(new ListObjectsV2Command({ Bucket: bucket }));
        expect((listing.Contents ?? []).map(o => o.Key)).to.deep.equal(["raw/stores/day 1.csv"]);
    });
});
