// The sandbox port: the status page (`/`, `/status.json`), the REST APIs (`/api/<api>/<stage>/...`)
// `POST /schedules/<rule>/run` to fire a schedule now, and `POST /warehouse/<machine>/run` to run a
// BatchWarehouse state machine (answers when it ends; `?wait=0` starts it and returns to the page).
import * as http from "http";
import { renderStatusPage } from "./status-page";
import { StatusSource } from "./status";
import { ServedApi } from "./triggers/rest-api";
import { scheduleRunners } from "./triggers/schedules";
import { warehouseRunners } from "./warehouse/runner";

function readBody(request: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        request.on("data", chunk => chunks.push(chunk as Buffer));
        request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        request.on("error", reject);
    });
}

export function startServer(port: number, status: StatusSource, apis: ServedApi[]): Promise<http.Server> {
    const server = http.createServer(async (request, response) => {
        const send = (code: number, type: string, body: string, headers: Record<string, string> = {}) => {
            response.writeHead(code, { "content-type": type, ...headers });
            response.end(body);
        };
        try {
            const url = new URL(request.url ?? "/", "http://127.0.0.1");
            const body = await readBody(request);
            const api = apis.find(a => url.pathname === a.basePath || url.pathname.startsWith(`${a.basePath}/`));
            if (api) {
                const answer = await api.handle(request, url.pathname.slice(api.basePath.length) || "/", body);
                response.writeHead(answer.status, answer.headers);
                response.end(answer.body);
            } else if (url.pathname === "/" && request.method === "GET") {
                send(200, "text/html; charset=utf-8", renderStatusPage(await status.snapshot()));
            } else if (url.pathname === "/status.json") {
                send(200, "application/json", JSON.stringify(await status.snapshot()));
            } else if (request.method === "POST" && /^\/schedules\/[^/]+\/run$/.test(url.pathname)) {
                const runner = scheduleRunners.get(decodeURIComponent(url.pathname.split("/")[2]));
                if (!runner) {
                    send(404, "application/json", JSON.stringify({ message: "no such schedule" }));
                } else {
                    send(200, "application/json", JSON.stringify({ rule: runner.rule, ok: await runner.fire() }));
                }
            } else if (request.method === "POST" && /^\/warehouse\/[^/]+\/run$/.test(url.pathname)) {
                const runner = warehouseRunners.get(decodeURIComponent(url.pathname.split("/")[2]));
                if (!runner) {
                    send(404, "application/json", JSON.stringify({ message: "no such state machine" }));
                } else if (url.searchParams.get("wait") === "0") {
                    void runner.run();
                    send(303, "text/plain", "started", { location: "/" });
                } else {
                    send(
                        200,
                        "application/json",
                        JSON.stringify({ ...(await runner.run()), database: runner.database, table: runner.table }),
                    );
                }
            } else {
                send(404, "application/json", JSON.stringify({ message: "not found" }));
            }
        } catch (error) {
            send(500, "application/json", JSON.stringify({ message: (error as Error).message }));
        }
    });
    return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve(server));
    });
}
