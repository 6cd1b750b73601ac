// Tier 4 proof: the code InlineLambda would upload, loaded in a fresh process, handles an S3 event
// that moto delivered through a real bucket notification.
import { expect } from "chai";
import * as fs from "fs";
import { CreateBucketCommand, PutBucketNotificationConfigurationCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import type { S3Event } from "aws-lambda";
import { InlineLambda } from "../../components/inline-lambda";
import { s3Client } from "../../functions/runtime/aws-clients";
import { mocked } from "../support/pulumi";
import { testPlatform } from "../support/platform";
import { invokeInFreshProcess, LambdaArchive, materialize } from "../support/serialized-lambda";
import { awsClientConfig, motoEnvironment, requireService, resetMoto } from "../support/services";
import { InspectedObject, inspectObjects } from "./fixtures/object-inspector";

function inspector(name: string, packages: string[]): InlineLambda<S3Event, InspectedObject[]> {
    const { platform, network } = testPlatform(name);
    return new InlineLambda<S3Event, InspectedObject[]>(name, {
        platform,
        description: "inspects the objects an S3 event names",
        handlerFactory: () => {
            const s3 = s3Client();
            return event => inspectObjects(s3, event);
        },
        packages,
        permissions: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::inbox/*"] }],
        securityGroup: network.clientSecurityGroup(`${name}-sg`, "inspector"),
        invocation: { kind: "async" },
    });
}

/** Uploads an object and returns the S3 event moto sends to the bucket's notification queue. */
async function deliveredEvent(bucket: string, key: string, body: string): Promise<S3Event> {
    const s3 = new S3Client({ ...awsClientConfig(), forcePathStyle: true });
    const sqs = new SQSClient(awsClientConfig());
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: `${bucket}-events` }));
    const queueArn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["QueueArn"] }))).Attributes!
        .QueueArn;
    await s3.send(
        new PutBucketNotificationConfigurationCommand({
            Bucket: bucket,
            NotificationConfiguration: { QueueConfigurations: [{ QueueArn: queueArn, Events: ["s3:ObjectCreated:*"] }] },
        }),
    );
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: "text/csv" }));
    for (let attempt = 0; attempt < 10; attempt++) {
        const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, WaitTimeSeconds: 1 }));
        const event = (Messages ?? []).map(m => JSON.parse(m.Body!) as Partial<S3Event>).find(body => Array.isArray(body.Records));
        if (event) {
            return event as S3Event;
        }
    }
    throw new Error("moto delivered no S3 event to the notification queue");
}

describe("serialized Lambda harness (tier 4)", () => {
    const csvBody = "id,amount\n1,10\n";
    let event: S3Event;
    let archive: LambdaArchive;

    before(async () => {
        await requireService("moto");
        await resetMoto();
        await mocked();
        event = await deliveredEvent("inbox", "reports/Q1 sales & costs.csv", csvBody);
        archive = await materialize(inspector("tier4-inspector", ["@aws-sdk/client-s3"]));
    });

    it("moto delivers the key URL-encoded, as S3 does", () => {
        expect(event.Records[0].s3.object.key).to.not.equal("reports/Q1 sales & costs.csv");
    });

    it("runs the uploaded code in a fresh process against moto and decodes the key", async () => {
        const invocation = await invokeInFreshProcess<InspectedObject[]>(archive, event, motoEnvironment());
        expect(invocation.error, JSON.stringify(invocation.error)).to.equal(undefined);
        expect(invocation.result).to.deep.equal([
            {
                bucket: "inbox",
                key: "reports/Q1 sales & costs.csv",
                size: Buffer.byteLength(csvBody),
                contentLength: Buffer.byteLength(csvBody),
                contentType: "text/csv",
            },
        ]);
    });

    it("uploads the bundle alone: no node_modules beside it to fall back on", () => {
        expect(archive.files).to.deep.equal(["__index.js"]);
        expect(fs.readdirSync(archive.dir)).to.deep.equal(["__index.js"]);
    });

    it("the same function gives the same answer in-process against moto", async () => {
        const s3 = new S3Client({ ...awsClientConfig(), forcePathStyle: true });
        expect(await inspectObjects(s3, event)).to.have.length(1);
    });
});
