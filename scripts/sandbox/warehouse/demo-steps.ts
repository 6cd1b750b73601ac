// The batch half of the demo: invoice events into StreamIngest's API, followed into its raw archive
// (the local Firehose), then through each BatchWarehouse state machine into its warehouse table
// on the local PostgreSQL, whose rows are counted.
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { Client } from "pg";
import { gunzipSync } from "zlib";
import { DemoStep, eventually } from "../demo-steps";
import type { Endpoints } from "../report";
import { runWarehouse } from "./run-request";

/** Invoice numbers of this demo run: digits only (StreamIngest's pattern), distinct per run. */
export function invoiceNumbers(runId: string): string[] {
    const base = (parseInt(runId, 36) % 1_000_000_000) * 10;
    return [1, 2].map(i => String(base + i));
}

export function warehouseDemoSteps(endpoints: Endpoints, runId: string): DemoStep[] {
    const s3 = new S3Client({
        endpoint: endpoints.awsEndpoint,
        region: endpoints.region,
        forcePathStyle: true,
        credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    });
    const eventsApi = endpoints.apis.find(api => api.name.includes("events"));
    // Where the first machine reads its raw events: StreamIngest's archive, written by the local Firehose.
    const archive = endpoints.warehouses[0]?.raw;
    const [sale, cancelled] = invoiceNumbers(runId);
    const events = [
        {
            InvoiceNo: sale,
            StockCode: "85123A",
            Description: "WHITE HANGING HEART T-LIGHT HOLDER",
            Quantity: 6,
            InvoiceDate: "12/1/2010 8:26",
            UnitPrice: 2.55,
            CustomerID: "17850",
            Country: "United Kingdom",
        },
        {
            InvoiceNo: sale,
            StockCode: "71053",
            Description: "WHITE METAL LANTERN",
            Quantity: 6,
            InvoiceDate: "12/1/2010 8:26",
            UnitPrice: 3.39,
            CustomerID: null,
            Country: "United Kingdom",
        },
        {
            InvoiceNo: `C${cancelled}`,
            StockCode: "22633",
            Description: "HAND WARMER UNION JACK",
            Quantity: -2,
            InvoiceDate: "12/1/2010 9:01",
            UnitPrice: 1.85,
            CustomerID: "17850",
            Country: "United Kingdom",
        },
    ];
    const archived = async (): Promise<string | undefined> => {
        const listed = await s3.send(new ListObjectsV2Command({ Bucket: archive!.bucket, Prefix: archive!.prefix }));
        for (const object of listed.Contents ?? []) {
            const body = await s3.send(new GetObjectCommand({ Bucket: archive!.bucket, Key: object.Key }));
            const text = gunzipSync(Buffer.from(await body.Body!.transformToByteArray())).toString("utf8");
            if (text.includes(`"InvoiceNo":"C${cancelled}"`)) {
                return object.Key;
            }
        }
        return undefined;
    };

    return [
        {
            name: "send invoice events to StreamIngest's API",
            async run() {
                if (!eventsApi) {
                    throw new Error(`no events API (APIs: ${endpoints.apis.map(a => a.name).join(", ")})`);
                }
                const response = await fetch(`${eventsApi.url}/events`, {
                    method: "POST",
                    headers: { "content-type": "application/json", ...(eventsApi.apiKey ? { "x-api-key": eventsApi.apiKey } : {}) },
                    body: JSON.stringify({ events }),
                });
                const body = await response.text();
                if (!response.ok) {
                    throw new Error(`POST /events: ${response.status} ${body}`);
                }
                return `${events.length} events, invoices ${sale} and C${cancelled}: ${response.status}`;
            },
        },
        {
            name: "find them in the raw archive (the local Firehose)",
            async run() {
                if (!archive) {
                    throw new Error("no BatchWarehouse machine in endpoints.json");
                }
                const key = await eventually("the events in the raw archive", archived, 60_000);
                return `s3://${archive.bucket}/${key}`;
            },
        },
        // The demo's invoices reach the source on StreamIngest's archive; the other sources get no data here.
        ...endpoints.warehouses
            .filter(warehouse => warehouse.source === "online_retail")
            .map(warehouse => ({
                name: `run the ${warehouse.source} warehouse state machine and count its table`,
                async run() {
                    const run = await runWarehouse(endpoints, warehouse.machine);
                    if (run.status !== "SUCCEEDED") {
                        throw new Error(`${warehouse.machine} ${run.status}: ${run.detail}`);
                    }
                    const db = new Client({ connectionString: warehouse.dsn });
                    await db.connect();
                    try {
                        const [schema, table] = warehouse.table.split(".");
                        const name = `"${schema}"."${table}"`;
                        const ours = await db.query(
                            `SELECT invoice_no, line_type FROM ${name} WHERE invoice_no IN ($1, $2) ORDER BY 1, 2`,
                            [sale, `C${cancelled}`],
                        );
                        const total = Number((await db.query(`SELECT COUNT(*) AS n FROM ${name}`)).rows[0].n);
                        const lines = ours.rows.map(r => `${String(r.invoice_no)} ${String(r.line_type)}`).join(", ");
                        if (ours.rows.length !== events.length) {
                            throw new Error(`expected the ${events.length} demo lines in ${warehouse.table}, found: ${lines || "none"}`);
                        }
                        return `${total} rows in warehouse table ${warehouse.table} (this run's: ${lines}); job read ${run.job?.rawFiles ?? 0} archive files`;
                    } finally {
                        await db.end();
                    }
                },
            })),
    ];
}
