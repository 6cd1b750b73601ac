// What a user would try first, one step each, against a running sandbox: a CSV into PostgreSQL
// and its rows read back; a bad CSV and its reject file; search and cache through the API with and
// without the key; a DynamoDB item put, changed and deleted, with the search mirror following.
import { DeleteItemCommand, DynamoDBClient, PutItemCommand, UpdateItemCommand } from "@aws-sdk/client-dynamodb";
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Client as OpenSearch } from "@opensearch-project/opensearch";
import { Client as Postgres } from "pg";
import { mirrorIndexName } from "../../components/defaults/search-and-cache-defaults";
import type { Endpoints } from "./report";

export interface DemoStep {
    name: string;
    run(): Promise<string>;
}

/** Retries `check` until it returns a value (not undefined) or `timeoutMs` passes. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    let last: unknown;
    while (Date.now() < deadline) {
        try {
            const value = await check();
            if (value !== undefined) {
                return value;
            }
        } catch (error) {
            last = error;
        }
        await new Promise(resolve => setTimeout(resolve, 250));
    }
    throw new Error(`${what} within ${timeoutMs / 1000}s${last ? ` (last error: ${(last as Error).message})` : ""}`);
}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
        throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    }
}

export function demoSteps(endpoints: Endpoints, runId: string): DemoStep[] {
    const aws = {
        endpoint: endpoints.awsEndpoint,
        region: endpoints.region,
        credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    };
    const s3 = new S3Client({ ...aws, forcePathStyle: true });
    const dynamodb = new DynamoDBClient(aws);
    const bucket = endpoints.buckets[0]?.name ?? "";
    // The item steps need the table whose stream is mirrored into search, not any table.
    const table = endpoints.tables.find(t => t.mirrored)?.name ?? "";
    const csvTable = `demo_customers_${runId}`;
    const api = async (path: string, key = endpoints.apiKey) => {
        const response = await fetch(`${endpoints.apiUrl}${path}`, { headers: key ? { "x-api-key": key } : {} });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    const withDatabase = async <T>(body: (db: Postgres) => Promise<T>): Promise<T> => {
        const db = new Postgres({ connectionString: endpoints.databaseDsn });
        await db.connect();
        try {
            return await body(db);
        } finally {
            await db.end();
        }
    };
    const openSearch = () => new OpenSearch({ node: endpoints.openSearchUrl! });
    const mirrored = async (id: string) => {
        const client = openSearch();
        try {
            const found = await client.get({ index: mirrorIndexName, id }, { ignore: [404] });
            return found.body.found ? (found.body._source as Record<string, unknown>) : null;
        } finally {
            await client.close();
        }
    };
    const put = (key: string, body: string) => s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    let productId = "";
    const itemId = `demo-${runId}`;

    return [
        {
            name: "upload a CSV and read its rows back from PostgreSQL",
            async run() {
                await put(`data/${csvTable}.csv`, "id,email,name\r\n1,ann@example.com,Ann\r\n2,bob@example.com,Bob\r\n");
                const rows = await eventually("the rows in PostgreSQL", () =>
                    withDatabase(async db => {
                        const exists = await db.query("SELECT to_regclass($1) AS t", [csvTable]);
                        return exists.rows[0].t ? (await db.query(`SELECT id::int, name FROM "${csvTable}" ORDER BY id`)).rows : undefined;
                    }),
                );
                expectEqual(
                    rows,
                    [
                        { id: 1, name: "Ann" },
                        { id: 2, name: "Bob" },
                    ],
                    `rows of ${csvTable}`,
                );
                return `${rows.length} rows in table ${csvTable}`;
            },
        },
        {
            name: "upload a CSV with a bad row and read its reject file",
            async run() {
                await put(`data/${csvTable}.csv`, "id,email,name\r\n3,cy@example.com,Cy\r\n4,dee@example.com\r\n");
                const key = await eventually("a reject file", async () => {
                    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `rejected/${csvTable}/` }));
                    return listed.Contents?.[0]?.Key;
                });
                const text = await (await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body!.transformToString();
                const rows = text.trim().split(/\r?\n/).slice(1);
                if (rows.length !== 1 || !rows[0].startsWith("3,")) {
                    throw new Error(`reject file ${key} should name line 3 once: ${text}`);
                }
                const good = await withDatabase(db => db.query(`SELECT name FROM "${csvTable}" WHERE id = 3`));
                expectEqual(good.rows, [{ name: "Cy" }], "the good row of the bad file");
                return `${key}: ${rows[0].slice(0, 80)}`;
            },
        },
        {
            name: "call the API without a key (refused)",
            async run() {
                const answer = await api("/search?q=x", "");
                expectEqual(answer.status, 403, "status without a key");
                return `${answer.status} ${JSON.stringify(answer.body)}`;
            },
        },
        {
            name: "run the product generator's schedule now",
            async run() {
                const rule = endpoints.schedules[0];
                const response = await fetch(`${endpoints.statusUrl}schedules/${encodeURIComponent(rule)}/run`, { method: "POST" });
                const body = (await response.json()) as { ok?: boolean };
                expectEqual(body.ok, true, `run of ${rule}`);
                return `rule ${rule} fired`;
            },
        },
        {
            name: "search products through the API with the key",
            async run() {
                const answer = await eventually("products found", async () => {
                    const found = await api("/search?size=3");
                    return found.status === 200 && (found.body.items as unknown[]).length > 0 ? found : undefined;
                });
                productId = (answer.body.items as { id: string }[])[0].id;
                return `${String(answer.body.total)} products, first ${productId}`;
            },
        },
        {
            name: "look a product up twice through the cache",
            async run() {
                const first = await api(`/cache?id=${encodeURIComponent(productId)}`);
                const second = await api(`/cache?id=${encodeURIComponent(productId)}`);
                expectEqual([first.status, second.status], [200, 200], "cache statuses");
                expectEqual(second.body.source, "cache", "source of the second lookup");
                return `first from ${String(first.body.source)}, then from ${String(second.body.source)}`;
            },
        },
        {
            name: "put a DynamoDB item and find it in search",
            async run() {
                await dynamodb.send(
                    new PutItemCommand({ TableName: table, Item: { id: { S: itemId }, name: { S: "Demo lamp" }, price: { N: "25" } } }),
                );
                const doc = await eventually("the item in OpenSearch", async () => (await mirrored(itemId)) ?? undefined);
                expectEqual(doc.name, "Demo lamp", "mirrored name");
                return `${mirrorIndexName}/${itemId} = ${JSON.stringify(doc)}`;
            },
        },
        {
            name: "change the item and watch search follow",
            async run() {
                await dynamodb.send(
                    new UpdateItemCommand({
                        TableName: table,
                        Key: { id: { S: itemId } },
                        UpdateExpression: "SET price = :p",
                        ExpressionAttributeValues: { ":p": { N: "19.5" } },
                    }),
                );
                const doc = await eventually("the new price in OpenSearch", async () => {
                    const found = await mirrored(itemId);
                    return found?.price === 19.5 ? found : undefined;
                });
                return `price ${String(doc.price)}`;
            },
        },
        {
            name: "delete the item and watch it leave search",
            async run() {
                await dynamodb.send(new DeleteItemCommand({ TableName: table, Key: { id: { S: itemId } } }));
                await eventually("the item gone from OpenSearch", async () => ((await mirrored(itemId)) === null ? true : undefined));
                return `${mirrorIndexName}/${itemId} gone`;
            },
        },
    ];
}
