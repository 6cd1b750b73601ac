// A local HTTP API on 127.0.0.1 for the fetcher's tests: serves a fixed list of records in the
// pagination style asked for, and can be told to answer the next requests with given statuses.
import { createServer, IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ApiRequest {
    path: string;
    query: Record<string, string>;
    headers: IncomingMessage["headers"];
}

export class LocalApi {
    readonly requests: ApiRequest[] = [];
    /** Statuses the next requests get instead of data (Retry-After: 0 on 429). */
    failures: number[] = [];
    /** Fail every request with this status. */
    alwaysStatus?: number;
    records: Record<string, unknown>[] = [];
    private server?: Server;

    async start(): Promise<string> {
        this.server = createServer((request, response) => this.answer(request, response));
        await new Promise<void>(resolve => this.server!.listen(0, "127.0.0.1", resolve));
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        await new Promise<void>(resolve => this.server?.close(() => resolve()));
    }

    private answer(request: IncomingMessage, response: ServerResponse): void {
        const url = new URL(request.url ?? "/", "http://127.0.0.1");
        const query = Object.fromEntries(url.searchParams);
        this.requests.push({ path: url.pathname, query, headers: request.headers });
        const status = this.alwaysStatus ?? this.failures.shift();
        if (status !== undefined) {
            response.writeHead(status, { "content-type": "application/json", ...(status === 429 ? { "retry-after": "0" } : {}) });
            response.end(JSON.stringify({ error: `status ${status}` }));
            return;
        }
        if (url.pathname === "/private" && request.headers.authorization !== "Bearer s3cr3t-token") {
            response.writeHead(401).end("{}");
            return;
        }
        const json = (body: unknown): void =>
            void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
        if (url.pathname === "/offset") {
            const offset = Number(query.offset),
                limit = Number(query.limit);
            return json(this.records.slice(offset, offset + limit));
        }
        if (url.pathname === "/page") {
            const size = Number(query.per_page),
                page = Number(query.page);
            return json({ data: this.records.slice((page - 1) * size, page * size) });
        }
        if (url.pathname === "/token") {
            const start = query.cursor ? Number(query.cursor.replace("c", "")) : 0;
            const end = Math.min(start + 2, this.records.length);
            return json({ result: { items: this.records.slice(start, end), next: end < this.records.length ? `c${end}` : null } });
        }
        json(this.records);
    }
}
