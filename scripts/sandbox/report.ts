// What start-up prints, and `.sandbox/endpoints.json` for scripts.
import * as fs from "fs";
import * as path from "path";
import { runtimeMajor, SandboxFunction } from "./functions";
import { ProvisionedAws } from "./provision-aws";
import { ProvisionedStores } from "./provision-stores";
import { AllTriggers } from "./triggers";
import { warehouseRunners } from "./warehouse/runner";

export interface Endpoints {
    stack: string;
    statusUrl: string;
    awsEndpoint: string;
    region: string;
    /** Each REST API stage with its routes (`POST /events`, `GET /customers/{customerId}`). */
    apis: { name: string; url: string; apiKey?: string; routes: string[] }[];
    /** The first API's URL and key, for scripts that need one. */
    apiUrl?: string;
    apiKey?: string;
    buckets: { resource: string; name: string }[];
    /** `mirrored`: the table has a stream a function consumes (the demo edits such a table). */
    tables: { resource: string; name: string; mirrored: boolean }[];
    streams: { resource: string; name: string }[];
    schedules: string[];
    databases: { resource: string; dsn: string }[];
    databaseDsn?: string;
    /** BatchWarehouse state machines run locally, and the PostgreSQL table standing in for each target. */
    warehouses: { machine: string; source: string; dsn: string; table: string; raw: { bucket: string; prefix: string } }[];
    openSearchUrl?: string;
    /** Where the functions' code archives are unpacked (removed on stop). */
    functionsDir: string;
}

export function endpointsOf(
    stack: string,
    port: number,
    region: string,
    awsEndpoint: string,
    aws: ProvisionedAws,
    stores: ProvisionedStores,
    triggers: AllTriggers,
    functionsDir: string,
): Endpoints {
    const base = `http://127.0.0.1:${port}`;
    const apis = triggers.apis.map(a => ({
        name: a.stage.api.name,
        url: `${base}${a.basePath}`,
        apiKey: [...a.stage.keys.keys()][0],
        routes: a.stage.routes.map(route => `${route.httpMethod} ${route.resourcePath}`),
    }));
    return {
        stack,
        statusUrl: `${base}/`,
        awsEndpoint,
        region,
        apis,
        apiUrl: apis[0]?.url,
        apiKey: apis[0]?.apiKey,
        buckets: aws.buckets.map(b => ({ resource: b.resource.name, name: b.name })),
        tables: aws.tables.map(t => ({ resource: t.resource.name, name: t.name, mirrored: t.streamArn !== undefined })),
        streams: aws.streams.map(s => ({ resource: s.resource.name, name: s.name })),
        schedules: triggers.triggers.filter(t => t.kind === "schedule").map(t => t.description.split(":")[0].replace(/^rule /, "")),
        databases: stores.databases.map(d => ({ resource: d.resource.name, dsn: d.dsn })),
        databaseDsn: stores.databases[0]?.dsn,
        warehouses: [...warehouseRunners.values()].map(r => ({
            machine: r.machine.name,
            source: r.machine.source.name,
            dsn: r.dsn,
            table: r.table,
            raw: r.machine.raw,
        })),
        openSearchUrl: stores.openSearchUrl,
        functionsDir,
    };
}

export function writeEndpoints(stateDir: string, endpoints: Endpoints): string {
    const file = path.join(stateDir, "endpoints.json");
    fs.writeFileSync(file, `${JSON.stringify(endpoints, null, 2)}\n`);
    return file;
}

export function printReport(endpoints: Endpoints, functions: SandboxFunction[], triggers: AllTriggers, endpointsFile: string): void {
    const out = (line = "") => console.log(line);
    out(`\nSandbox of stack ${endpoints.stack}`);
    for (const pipeline of [...new Set(functions.map(f => f.pipeline))]) {
        out(`\n  pipeline ${pipeline}`);
        for (const fn of functions.filter(f => f.pipeline === pipeline)) {
            out(`    function ${fn.name}`);
            for (const trigger of triggers.triggers.filter(t => t.function === fn.name)) {
                out(`      ${trigger.kind}: ${trigger.description}`);
            }
            const major = runtimeMajor(fn.resource);
            if (major !== undefined && major !== process.versions.node.split(".")[0]) {
                out(`      warning: its runtime is Node ${major}, the sandbox runs Node ${process.versions.node} (use npm start)`);
            }
            if (fn.unmapped.length > 0) {
                out(`      warning: no local stand-in for ${fn.unmapped.join(", ")}`);
            }
        }
    }
    for (const trigger of triggers.triggers.filter(t => t.kind === "delivery stream" || t.kind === "state machine")) {
        out(`\n  ${trigger.kind} of pipeline ${trigger.pipeline}\n    ${trigger.description}`);
    }
    out("\n  not emulated:");
    if (triggers.notEmulated.length === 0) {
        out("    (nothing: every trigger the program declares runs here)");
    }
    for (const item of triggers.notEmulated) {
        out(`    ${item.type} ${item.name}: ${item.reason}`);
    }
    out("");
    for (const api of endpoints.apis) {
        out(`  API ${api.name}: ${api.url}   key: ${api.apiKey ?? "(none)"}`);
        out(`    routes: ${api.routes.join(", ")}`);
        const get = api.routes.find(route => route.startsWith("GET "));
        if (get) {
            // Path parameters stay as placeholders to fill in, e.g. /customers/<customerId>.
            const path = get.slice("GET ".length).replace(/\{(\w+)\+?\}/g, "<$1>");
            out(`    curl -H 'x-api-key: ${api.apiKey ?? ""}' '${api.url}${path}'`);
        }
    }
    for (const bucket of endpoints.buckets) {
        out(`  bucket ${bucket.name}`);
    }
    if (endpoints.buckets.length > 0) {
        const bucket = endpoints.buckets[0].name;
        out(`    drop a file: npm run sandbox -- put ./customers.csv data/customers.csv`);
        out(`             or: aws --endpoint-url ${endpoints.awsEndpoint} s3 cp ./customers.csv s3://${bucket}/data/customers.csv`);
        out(`                 (AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=${endpoints.region})`);
    }
    for (const table of endpoints.tables) {
        out(`  table ${table.name}`);
    }
    for (const db of endpoints.databases) {
        out(`  database ${db.resource}: psql '${db.dsn}'`);
    }
    for (const warehouse of endpoints.warehouses) {
        out(`  warehouse ${warehouse.source}: psql '${warehouse.dsn}' (table ${warehouse.table})`);
        out(`    run it now: npm run sandbox -- warehouse-run ${warehouse.machine}`);
    }
    if (endpoints.openSearchUrl) {
        out(`  OpenSearch: ${endpoints.openSearchUrl}`);
    }
    out(`\n  status page: ${endpoints.statusUrl}`);
    out(`  endpoints:   ${endpointsFile}`);
    out("  Ctrl-C stops everything the sandbox started.\n");
}
