// A Redshift Data API client for moto. moto 5.2 writes the Data API's timestamps (CreatedAt,
// UpdatedAt) as ISO strings where the service sends epoch seconds, and SDK v3 refuses to parse
// them; this client's HTTP handler rewrites those two fields in moto's responses and changes
// nothing else.
import { RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import { Readable } from "node:stream";
import { awsClientConfig } from "./services";

async function text(body: unknown): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Buffer | string>) {
        chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    }
    return Buffer.concat(chunks).toString("utf8");
}

export function epochTimestamps(json: string): string {
    return json.replace(
        /"(CreatedAt|UpdatedAt)": "([^"]+)"/g,
        (_match, field: string, iso: string) => `"${field}": ${Date.parse(iso) / 1000}`,
    );
}

class EpochTimestampHandler extends NodeHttpHandler {
    override async handle(...args: Parameters<NodeHttpHandler["handle"]>): ReturnType<NodeHttpHandler["handle"]> {
        const result = await super.handle(...args);
        const body = epochTimestamps(await text(result.response.body));
        result.response.body = Readable.from([Buffer.from(body)]);
        result.response.headers["content-length"] = String(Buffer.byteLength(body));
        return result;
    }
}

export function motoRedshiftData(): RedshiftDataClient {
    return new RedshiftDataClient({ ...awsClientConfig(), requestHandler: new EpochTimestampHandler() });
}
