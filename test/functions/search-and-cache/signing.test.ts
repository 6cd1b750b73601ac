// Tier 3: the functions' OpenSearch client signs every request with SigV4 for the `es` service.
// A recording proxy in front of the real node shows what the domain would receive.
import { expect } from "chai";
import { createHash } from "crypto";
import * as http from "http";
import type { AddressInfo } from "net";
import { signedOpenSearchClient } from "../../../functions/search-and-cache/runtime";
import { requireService, settingsFor } from "../../support/services";
import { uniqueIndex } from "./local-dependencies";

interface Recorded {
    method: string;
    path: string;
    headers: http.IncomingHttpHeaders;
    body: string;
}

/** Forwards every request to the local OpenSearch node and records it. */
function recordingProxy(target: string): Promise<{ url: string; requests: Recorded[]; close: () => void }> {
    const requests: Recorded[] = [];
    const upstream = new URL(target);
    const server = http.createServer((request, response) => {
        const chunks: Buffer[] = [];
        request.on("data", chunk => chunks.push(chunk as Buffer));
        request.on("end", () => {
            const body = Buffer.concat(chunks);
            requests.push({ method: request.method!, path: request.url!, headers: request.headers, body: body.toString("utf8") });
            const forwarded = http.request(
                {
                    host: upstream.hostname,
                    port: upstream.port,
                    method: request.method,
                    path: request.url,
                    headers: { ...request.headers, host: upstream.host },
                },
                answer => {
                    response.writeHead(answer.statusCode ?? 502, answer.headers);
                    answer.pipe(response);
                },
            );
            forwarded.end(body);
        });
    });
    return new Promise(resolve =>
        server.listen(0, "127.0.0.1", () =>
            resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, close: () => server.close() }),
        ),
    );
}

describe("OpenSearch request signing (tier 3: real OpenSearch behind a recording proxy)", () => {
    it("signs each request for es in the function's region with its credentials, body hash included", async () => {
        await requireService("opensearch");
        const proxy = await recordingProxy(settingsFor("opensearch").node);
        const index = uniqueIndex("signed");
        // A generous deadline: a retry after a timeout on a busy machine would add a fourth request.
        const client = signedOpenSearchClient(proxy.url, "eu-west-1", 20000, async () => ({
            accessKeyId: "AKIDEXAMPLE",
            secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: "session-token-of-the-role",
        }));
        try {
            expect((await client.cluster.health()).statusCode).to.equal(200);
            await client.index({ index, id: "1", body: { name: "signed" }, refresh: true });
            await client.indices.delete({ index });
        } finally {
            await client.close();
            proxy.close();
        }
        expect(proxy.requests).to.have.length(3);
        for (const request of proxy.requests) {
            expect(request.headers.authorization).to.match(
                /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/es\/aws4_request, SignedHeaders=[a-z0-9;-]*\bhost\b[a-z0-9;-]*, Signature=[0-9a-f]{64}$/,
            );
            expect(request.headers["x-amz-security-token"]).to.equal("session-token-of-the-role");
            expect(request.headers["x-amz-date"]).to.match(/^\d{8}T\d{6}Z$/);
            expect(request.headers["x-amz-content-sha256"]).to.equal(createHash("sha256").update(request.body).digest("hex"));
        }
        expect(proxy.requests[1]).to.include({ method: "PUT", body: JSON.stringify({ name: "signed" }) });
    });
});
