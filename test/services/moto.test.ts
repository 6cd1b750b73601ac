import { randomUUID } from "node:crypto";

import {
    ConditionalCheckFailedException,
    CreateTableCommand,
    DynamoDBClient,
    GetItemCommand,
    PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import {
    CreateBucketCommand,
    GetObjectCommand,
    ListBucketsCommand,
    ListObjectsV2Command,
    PutObjectCommand,
    S3Client,
} from "@aws-sdk/client-s3";
import { CreateQueueCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { marshall, unmarshall } from "@aws-sdk/util-dynamodb";
import { expect } from "chai";

import { awsClientConfig, requireService, resetMoto, s3ClientConfig } from "../support/services";

describe("local services: moto (AWS APIs)", function () {
    let s3: S3Client;
    let dynamo: DynamoDBClient;
    let sqs: SQSClient;

    before(async function () {
        await requireService("moto");
        s3 = new S3Client(s3ClientConfig());
        dynamo = new DynamoDBClient(awsClientConfig());
        sqs = new SQSClient(awsClientConfig());
    });

    beforeEach(resetMoto);

    after(function () {
        s3?.destroy();
        dynamo?.destroy();
        sqs?.destroy();
    });

    it("S3: creates a bucket, puts an object and gets it back", async function () {
        const Bucket = `smoke-${randomUUID()}`;
        await s3.send(new CreateBucketCommand({ Bucket }));
        const body = JSON.stringify({ orderId: "o-1", amount: 12.5 }) + "\n";
        const put = await s3.send(
            new PutObjectCommand({ Bucket, Key: "raw/2026/11/24/orders.jsonl", Body: body, ContentType: "application/x-ndjson" }),
        );
        expect(put.ETag).to.be.a("string");

        const got = await s3.send(new GetObjectCommand({ Bucket, Key: "raw/2026/11/24/orders.jsonl" }));
        expect(got.ContentType).to.equal("application/x-ndjson");
        expect(await got.Body?.transformToString()).to.equal(body);

        const listed = await s3.send(new ListObjectsV2Command({ Bucket, Prefix: "raw/" }));
        expect((listed.Contents ?? []).map(o => o.Key)).to.deep.equal(["raw/2026/11/24/orders.jsonl"]);

        const missing = await s3.send(new GetObjectCommand({ Bucket, Key: "nope" })).catch((err: Error) => err);
        expect(missing).to.be.instanceOf(Error).with.property("name", "NoSuchKey");
    });

    it("resetMoto() forgets every resource", async function () {
        await s3.send(new CreateBucketCommand({ Bucket: "to-be-forgotten" }));
        expect((await s3.send(new ListBucketsCommand({}))).Buckets).to.have.length(1);
        await resetMoto();
        expect((await s3.send(new ListBucketsCommand({}))).Buckets ?? []).to.have.length(0);
    });

    it("DynamoDB: puts and gets an item, and enforces a condition expression", async function () {
        const TableName = "smoke-orders";
        await dynamo.send(
            new CreateTableCommand({
                TableName,
                AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
                KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
                BillingMode: "PAY_PER_REQUEST",
            }),
        );
        const item = { pk: "order#o-1", customer: "alice", amount: 12.5, tags: ["express"] };
        await dynamo.send(new PutItemCommand({ TableName, Item: marshall(item) }));

        const got = await dynamo.send(new GetItemCommand({ TableName, Key: marshall({ pk: "order#o-1" }), ConsistentRead: true }));
        expect(got.Item && unmarshall(got.Item)).to.deep.equal(item);

        const again = await dynamo
            .send(new PutItemCommand({ TableName, Item: marshall(item), ConditionExpression: "attribute_not_exists(pk)" }))
            .catch((err: Error) => err);
        expect(again).to.be.instanceOf(ConditionalCheckFailedException);
    });

    it("SQS: sends, receives and deletes a message", async function () {
        const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: "smoke-events" }));
        expect(QueueUrl).to.be.a("string");
        await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{"event":"order.created"}' }));

        const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        expect((received.Messages ?? []).map(m => m.Body)).to.deep.equal(['{"event":"order.created"}']);
        const [message] = received.Messages ?? [];
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message.ReceiptHandle }));

        const remaining = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 0 }));
        expect(remaining.Messages ?? []).to.have.length(0);
    });
});
