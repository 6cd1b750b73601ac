// DynamoDB stream records as OpenSearch actions: INSERT and MODIFY index the new image, REMOVE
// deletes. A record that cannot become an action says why, and fails alone.
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import type { BulkAction } from "./bulk-writer";

/** OpenSearch refuses document ids longer than 512 bytes. */
const maxIdBytes = 512;

type Image = Record<string, AttributeValue>;

/** Numbers that survive as JavaScript numbers become numbers; others keep their exact digits. */
function numberFrom(text: string): number | string {
    const value = Number(text);
    const exact = Number.isFinite(value) && (Number.isSafeInteger(value) || !Number.isInteger(value));
    return exact ? value : text;
}

/** DynamoDB values as JSON: sets become sorted arrays, binary becomes base64. */
function jsonValue(value: unknown): unknown {
    if (value instanceof Set) {
        return [...value].map(jsonValue).sort();
    }
    if (value instanceof Uint8Array) {
        return Buffer.from(value).toString("base64");
    }
    if (Array.isArray(value)) {
        return value.map(jsonValue);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonValue(item)]));
    }
    return value;
}

function documentOf(image: unknown): Record<string, unknown> {
    return jsonValue(unmarshall(image as Image, { wrapNumbers: numberFrom })) as Record<string, unknown>;
}

/** The document id of a record: its key attribute, a non-empty string or a number. */
function idOf(record: DynamoDBRecord, keyAttribute: string): string {
    const keys = record.dynamodb?.Keys;
    if (keys === undefined) {
        throw new Error("record has no Keys");
    }
    const key = documentOf(keys)[keyAttribute];
    const id = typeof key === "number" ? String(key) : key;
    if (typeof id !== "string" || id === "") {
        throw new Error(`key attribute ${keyAttribute} is missing or not a string or number`);
    }
    if (Buffer.byteLength(id, "utf8") > maxIdBytes) {
        throw new Error(`key is longer than ${maxIdBytes} bytes`);
    }
    return id;
}

/** The action a record asks for; throws an Error naming the record when it is malformed. */
export function actionOf(record: DynamoDBRecord, keyAttribute: string): BulkAction {
    try {
        const id = idOf(record, keyAttribute);
        switch (record.eventName) {
            case "INSERT":
            case "MODIFY": {
                if (record.dynamodb?.NewImage === undefined) {
                    throw new Error(`${record.eventName} record has no NewImage (the stream must carry new images)`);
                }
                return { kind: "index", id, document: documentOf(record.dynamodb.NewImage) };
            }
            case "REMOVE":
                return { kind: "delete", id };
            default:
                throw new Error(`unsupported eventName ${JSON.stringify(record.eventName)}`);
        }
    } catch (error) {
        throw new Error(`stream record ${record.eventID ?? "(no eventID)"}: ${(error as Error).message}`);
    }
}
