// GET /customers/{customerId} and GET /invoices/{invoiceNo}: 400 for a malformed id, 404 when absent.
import { AttributeValue, DynamoDBClient, GetItemCommand, QueryCommand } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from "aws-lambda";
import { customerIdPattern, invoiceNoPattern } from "./event-schema";
import { errorResponse, jsonResponse } from "../runtime/http";
import type { TableNames } from "./tables";

/** What a reader needs: the client and the one table it reads. */
export interface ReadDependencies<T extends keyof TableNames> {
    dynamo: DynamoDBClient;
    tables: Pick<TableNames, T>;
}

type PathEvent = Pick<APIGatewayProxyEvent, "pathParameters">;
type Item = Record<string, AttributeValue>;

function pathId(event: PathEvent, name: string, pattern: string): string | undefined {
    const value = event.pathParameters?.[name];
    return value !== undefined && new RegExp(pattern).test(value) ? value : undefined;
}

export async function handleGetCustomer(deps: ReadDependencies<"customers">, event: PathEvent): Promise<APIGatewayProxyResult> {
    const customerId = pathId(event, "customerId", customerIdPattern);
    if (customerId === undefined) {
        return errorResponse(400, "BadRequest", "customerId must be 1 to 12 digits");
    }
    const found = await deps.dynamo.send(new GetItemCommand({ TableName: deps.tables.customers, Key: { customerId: { S: customerId } } }));
    if (found.Item === undefined) {
        return errorResponse(404, "NotFound", `no customer ${customerId}`);
    }
    const { latestLine: _internal, ...profile } = unmarshall(found.Item);
    return jsonResponse(200, profile);
}

async function invoiceItems(deps: ReadDependencies<"invoices">, invoiceNo: string): Promise<Item[]> {
    const items: Item[] = [];
    let start: Item | undefined;
    do {
        const page = await deps.dynamo.send(
            new QueryCommand({
                TableName: deps.tables.invoices,
                KeyConditionExpression: "invoiceNo = :invoiceNo",
                ExpressionAttributeValues: { ":invoiceNo": { S: invoiceNo } },
                ExclusiveStartKey: start,
            }),
        );
        items.push(...(page.Items ?? []));
        start = page.LastEvaluatedKey;
    } while (start !== undefined);
    return items;
}

export async function handleGetInvoice(deps: ReadDependencies<"invoices">, event: PathEvent): Promise<APIGatewayProxyResult> {
    const invoiceNo = pathId(event, "invoiceNo", invoiceNoPattern);
    if (invoiceNo === undefined) {
        return errorResponse(400, "BadRequest", "invoiceNo must be an optional capital letter and 1 to 12 digits");
    }
    const lines = (await invoiceItems(deps, invoiceNo)).map(item => unmarshall(item));
    if (lines.length === 0) {
        return errorResponse(404, "NotFound", `no invoice ${invoiceNo}`);
    }
    // The header comes from the earliest line (ties: lowest line id), whatever order lines arrived in.
    const header = [...lines].sort((a, b) => `${a.invoiceDate}#${a.lineId}`.localeCompare(`${b.invoiceDate}#${b.lineId}`))[0];
    const totalMilli = lines.reduce((sum, line) => sum + Math.round(Number(line.amount) * 1000), 0);
    return jsonResponse(200, {
        invoiceNo,
        cancelled: invoiceNo.startsWith("C"),
        invoiceDate: header.invoiceDate,
        customerId: header.customerId ?? null,
        country: header.country,
        lineCount: lines.length,
        total: totalMilli / 1000,
        lines: lines.map(({ invoiceNo: _invoice, ...line }) => line),
    });
}
