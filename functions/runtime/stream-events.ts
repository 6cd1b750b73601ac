// Decoders of the records SQS, Kinesis and DynamoDB Streams deliver: the payload a handler wants,
// next to the record it came from (for partial-batch failure reports).
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord, KinesisStreamRecord, SQSRecord } from "aws-lambda";

/** The body of an SQS message. */
export function sqsBody(record: SQSRecord): string {
    return record.body;
}

/** The bytes of a Kinesis record (Lambda delivers them base64-encoded). */
export function kinesisData(record: KinesisStreamRecord): Buffer {
    return Buffer.from(record.kinesis.data, "base64");
}

/** A Kinesis record's payload as UTF-8 JSON; throws with the sequence number on bad input. */
export function kinesisJson(record: KinesisStreamRecord): unknown {
    try {
        return JSON.parse(kinesisData(record).toString("utf8"));
    } catch (error) {
        throw new Error(`kinesis record ${record.kinesis.sequenceNumber}: not JSON (${(error as Error).message})`);
    }
}

export interface DynamoImages {
    eventName: DynamoDBRecord["eventName"];
    keys: Record<string, unknown>;
    newImage?: Record<string, unknown>;
    oldImage?: Record<string, unknown>;
}

/**
 * The keys and images of a DynamoDB stream record as plain values. `wrapNumbers` decides how
 * numbers come out (default: JavaScript numbers).
 */
export function dynamoImages(record: DynamoDBRecord, wrapNumbers?: (text: string) => unknown): DynamoImages {
    const plain = (image: unknown) =>
        image === undefined ? undefined : unmarshall(image as Record<string, AttributeValue>, wrapNumbers ? { wrapNumbers } : {});
    return {
        eventName: record.eventName,
        keys: plain(record.dynamodb?.Keys) ?? {},
        newImage: plain(record.dynamodb?.NewImage),
        oldImage: plain(record.dynamodb?.OldImage),
    };
}
