import { expect } from "chai";
import type { DynamoDBRecord, KinesisStreamRecord, SQSRecord } from "aws-lambda";
import { decodeS3Key } from "../../../functions/runtime/s3-event";
import { dynamoImages, kinesisData, kinesisJson, sqsBody } from "../../../functions/runtime/stream-events";

const kinesisRecord = (payload: string) =>
    ({
        kinesis: {
            data: Buffer.from(payload).toString("base64"),
            sequenceNumber: "49590338271490256608559692538361571095921575989136588898",
        },
    }) as KinesisStreamRecord;

describe("runtime: event decoders", () => {
    it("decodes S3 keys (plus is a space, percent escapes)", () => {
        expect(decodeS3Key("my+file%21%2B.csv")).to.equal("my file!+.csv");
    });

    it("decodes SQS bodies and Kinesis data, and names the record whose payload is not JSON", () => {
        expect(sqsBody({ body: '{"a":1}' } as SQSRecord)).to.equal('{"a":1}');
        expect(kinesisData(kinesisRecord("héllo")).toString("utf8")).to.equal("héllo");
        expect(kinesisJson(kinesisRecord('{"id":7}'))).to.deep.equal({ id: 7 });
        expect(() => kinesisJson(kinesisRecord("{oops"))).to.throw(/kinesis record 4959\d+: not JSON/);
    });

    it("unmarshalls DynamoDB stream keys and images", () => {
        const record: DynamoDBRecord = {
            eventName: "MODIFY",
            dynamodb: {
                Keys: { id: { S: "p-1" } },
                NewImage: { id: { S: "p-1" }, price: { N: "12.5" }, tags: { SS: ["b", "a"] } },
                OldImage: { id: { S: "p-1" }, price: { N: "10" } },
            },
        };
        const images = dynamoImages(record);
        expect(images.eventName).to.equal("MODIFY");
        expect(images.keys).to.deep.equal({ id: "p-1" });
        expect(images.newImage?.price).to.equal(12.5);
        expect([...(images.newImage?.tags as Set<string>)].sort()).to.deep.equal(["a", "b"]);
        expect(images.oldImage).to.deep.equal({ id: "p-1", price: 10 });
        expect(dynamoImages({ eventName: "REMOVE", dynamodb: { Keys: { id: { S: "x" } } } }).newImage).to.equal(undefined);
    });
});
