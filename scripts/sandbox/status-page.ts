// The status page: plain HTML that reloads itself every two seconds.
import { StatusSnapshot } from "./status";

const escape = (text: unknown) =>
    String(text ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const table = (headers: string[], rows: unknown[][], empty: string) =>
    rows.length === 0
        ? `<p class="empty">${escape(empty)}</p>`
        : `<table><tr>${headers.map(h => `<th>${escape(h)}</th>`).join("")}</tr>${rows
              .map(row => `<tr>${row.map(cell => `<td>${escape(cell)}</td>`).join("")}</tr>`)
              .join("")}</table>`;

export function renderStatusPage(status: StatusSnapshot): string {
    const pipelines = status.pipelines
        .map(
            p =>
                `<section class="pipeline"><h3>${escape(p.name)}</h3>${table(
                    ["function", "container", "triggers"],
                    p.functions.map(f => [f.name, f.pid ? `warm (pid ${f.pid})` : "cold", f.triggers.join("; ")]),
                    "no functions",
                )}</section>`,
        )
        .join("");
    return `<!doctype html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="2"><title>Sandbox ${escape(status.stack)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:1.5em;color:#222}h1{font-size:1.4em}h2{margin-top:1.6em;font-size:1.15em}
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left;vertical-align:top}
th{background:#f0f0f0}td.ok{color:#17702a}td.error{color:#b00020}td.partial{color:#a05a00}.empty{color:#777}
pre{white-space:pre-wrap;margin:0;font-size:12px}
</style></head><body>
<h1>Data platform sandbox: stack <span id="stack">${escape(status.stack)}</span></h1>
<h2>Pipelines</h2>${pipelines}
<h2>Last invocations</h2>
<table id="invocations"><tr><th>at</th><th>function</th><th>trigger</th><th>outcome</th><th>ms</th><th>detail</th></tr>
${status.invocations
    .map(
        i =>
            `<tr><td>${escape(i.at.slice(11, 19))}</td><td>${escape(i.function)}</td><td>${escape(i.trigger)}</td><td class="${i.outcome}">${escape(
                i.outcome,
            )}</td><td>${i.durationMs}</td><td>${escape(i.detail)}</td></tr>`,
    )
    .join("")}</table>
<h2>Files the pipelines wrote (reject files)</h2>
${table(
    ["bucket", "key", "bytes", "rows"],
    status.writtenFiles.map(f => [f.bucket, f.key, f.size, f.rows ?? ""]),
    "none yet",
)}
<h2>Warehouse runs (BatchWarehouse)</h2>
<p id="warehouse-note">${escape(status.warehouses.note)}</p>
${table(
    ["state machine", "source", "local table", "last run", "rows in table", "detail"],
    status.warehouses.machines.map(m => [
        m.name,
        m.source,
        m.table,
        m.last ? `${m.last.status} (${m.last.startedAt.slice(11, 19)})` : "not run",
        m.last?.tableRows ?? "",
        m.last?.detail ?? "",
    ]),
    "no BatchWarehouse state machine",
)}
${status.warehouses.machines
    .map(
        m =>
            `<form method="post" action="/warehouse/${encodeURIComponent(m.name)}/run?wait=0"><button>Run ${escape(m.name)} now</button></form>`,
    )
    .join("")}
<h2>Failure queues</h2>
${table(
    ["queue", "messages", "first messages"],
    status.failureQueues.map(q => [q.name, q.messages, q.sample.join("\n")]),
    "no failure queues",
)}
</body></html>`;
}
