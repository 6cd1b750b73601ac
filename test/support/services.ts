/**
 * Connection settings and client factories for the local services (tier-3 tests).
 *
 * `bash scripts/services/up.sh` starts PostgreSQL (TLS), Redis (TLS + AUTH), an embedded
 * OpenSearch node and moto on 127.0.0.1 and writes `.services/connection.json`; this module
 * reads it. A missing file or a service that does not answer is an error, never a skip:
 * call `requireService(...)` in a `before` hook so the whole suite fails with a clear message.
 */
import { readFileSync } from "node:fs";
import * as net from "node:net";
import * as path from "node:path";

import { Client as OpenSearchClient } from "@opensearch-project/opensearch";
import type { ClientConfig as PgClientConfig } from "pg";
import type { RedisClientOptions } from "redis";

export interface PostgresSettings {
    host: string;
    port: number;
    database: string;
    user: string;
    password: string;
    /** PEM file of the local CA that signed the server certificate. */
    caFile: string;
}

export interface RedisSettings {
    host: string;
    port: number;
    password: string;
    caFile: string;
    /** `rediss://default:<password>@host:port` */
    url: string;
}

export interface OpenSearchSettings {
    /** Base URL, plain HTTP on loopback. */
    node: string;
    version: string;
}

export interface MotoSettings {
    endpoint: string;
    region: string;
    accessKeyId: string;
    secretAccessKey: string;
}

export interface ServiceSettings {
    postgres: PostgresSettings;
    redis: RedisSettings;
    opensearch: OpenSearchSettings;
    moto: MotoSettings;
}

export type ServiceName = keyof ServiceSettings;

/** Human names used in error messages. */
const LABELS: Record<ServiceName, string> = {
    postgres: "PostgreSQL",
    redis: "Redis",
    opensearch: "OpenSearch",
    moto: "moto (local AWS APIs)",
};

const START_HINT = "start the local services with `bash scripts/services/up.sh` (see README)";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** Where up.sh writes the settings; LOCAL_SERVICES_FILE overrides it. */
export const CONNECTION_FILE = process.env.LOCAL_SERVICES_FILE ?? path.join(REPO_ROOT, ".services", "connection.json");

/** Thrown when a local service is not configured or does not answer. */
export class ServiceUnavailableError extends Error {
    constructor(
        readonly service: ServiceName,
        detail: string,
    ) {
        super(`${LABELS[service]} is not running: ${START_HINT} (${detail})`);
        this.name = "ServiceUnavailableError";
    }
}

// ---------------------------------------------------------------- reading the file

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function field<T extends "string" | "number">(
    section: Json,
    service: ServiceName,
    key: string,
    type: T,
): T extends "string" ? string : number {
    const value = section[key];
    if (typeof value !== type) {
        throw new ServiceUnavailableError(service, `${CONNECTION_FILE}: ${service}.${key} is not a ${type}`);
    }
    return value as T extends "string" ? string : number;
}

function section(root: Json, service: ServiceName): Json {
    const value = root[service];
    if (!isObject(value)) {
        throw new ServiceUnavailableError(service, `${CONNECTION_FILE} has no "${service}" section`);
    }
    return value;
}

function parseSettings(root: Json): ServiceSettings {
    const pg = section(root, "postgres");
    const rd = section(root, "redis");
    const os = section(root, "opensearch");
    const mo = section(root, "moto");
    return {
        postgres: {
            host: field(pg, "postgres", "host", "string"),
            port: field(pg, "postgres", "port", "number"),
            database: field(pg, "postgres", "database", "string"),
            user: field(pg, "postgres", "user", "string"),
            password: field(pg, "postgres", "password", "string"),
            caFile: field(pg, "postgres", "caFile", "string"),
        },
        redis: {
            host: field(rd, "redis", "host", "string"),
            port: field(rd, "redis", "port", "number"),
            password: field(rd, "redis", "password", "string"),
            caFile: field(rd, "redis", "caFile", "string"),
            url: field(rd, "redis", "url", "string"),
        },
        opensearch: {
            node: field(os, "opensearch", "node", "string"),
            version: field(os, "opensearch", "version", "string"),
        },
        moto: {
            endpoint: field(mo, "moto", "endpoint", "string"),
            region: field(mo, "moto", "region", "string"),
            accessKeyId: field(mo, "moto", "accessKeyId", "string"),
            secretAccessKey: field(mo, "moto", "secretAccessKey", "string"),
        },
    };
}

/**
 * All settings from `.services/connection.json`. Re-read on every call (cheap), so a
 * long-lived process sees a restart of the services. `service` only tailors the error.
 */
export function loadSettings(service: ServiceName = "postgres"): ServiceSettings {
    let text: string;
    try {
        text = readFileSync(CONNECTION_FILE, "utf8");
    } catch {
        throw new ServiceUnavailableError(service, `${CONNECTION_FILE} not found`);
    }
    let root: unknown;
    try {
        root = JSON.parse(text);
    } catch (err) {
        throw new ServiceUnavailableError(service, `${CONNECTION_FILE} is not valid JSON: ${String(err)}`);
    }
    if (!isObject(root)) {
        throw new ServiceUnavailableError(service, `${CONNECTION_FILE} is not a JSON object`);
    }
    return parseSettings(root);
}

export function settingsFor<S extends ServiceName>(service: S): ServiceSettings[S] {
    return loadSettings(service)[service];
}

// ---------------------------------------------------------------- liveness

function hostPort(service: ServiceName): { host: string; port: number } {
    const s = settingsFor(service);
    if ("port" in s) {
        return { host: s.host, port: s.port };
    }
    const url = new URL("node" in s ? s.node : s.endpoint);
    return { host: url.hostname, port: Number(url.port) };
}

function tcpProbe(host: string, port: number, timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
        const socket = net.connect({ host, port });
        const fail = (reason: string): void => {
            socket.destroy();
            reject(new Error(reason));
        };
        socket.setTimeout(timeoutMs, () => fail(`no answer on ${host}:${port} within ${timeoutMs} ms`));
        socket.once("error", err => fail(`${host}:${port}: ${err.message}`));
        socket.once("connect", () => {
            socket.end();
            resolve();
        });
    });
}

/**
 * Throws `ServiceUnavailableError` unless every named service is configured and accepts
 * connections. Use it in a `before` hook: a failing hook fails the suite (no skipping).
 */
export async function requireService(...services: ServiceName[]): Promise<void> {
    for (const service of services) {
        const { host, port } = hostPort(service);
        try {
            await tcpProbe(host, port, 2000);
        } catch (err) {
            throw new ServiceUnavailableError(service, err instanceof Error ? err.message : String(err));
        }
    }
}

// ---------------------------------------------------------------- factories

/** The local CA certificate (PEM) that both PostgreSQL and Redis certificates chain to. */
export function localCa(service: "postgres" | "redis" = "postgres"): string {
    return readFileSync(settingsFor(service).caFile, "utf8");
}

/**
 * `pg.Client` / `pg.Pool` config for the `app` user over TLS, verified like libpq's
 * `sslmode=verify-full`: chain checked against the local CA, host checked against the
 * certificate's subjectAltName (IP:127.0.0.1).
 */
export function postgresConfig(overrides: Partial<PgClientConfig> = {}): PgClientConfig {
    const { host, port, database, user, password, caFile } = settingsFor("postgres");
    return {
        host,
        port,
        database,
        user,
        password,
        ssl: { ca: readFileSync(caFile, "utf8"), rejectUnauthorized: true },
        connectionTimeoutMillis: 5000,
        ...overrides,
    };
}

/**
 * node-redis v5 `createClient` options, ElastiCache style: `rediss://`, TLS verified
 * against the local CA, AUTH password. No reconnect loop: a dead server fails fast.
 * The password is a separate option (not in the URL) so tests can override it.
 */
export function redisOptions(overrides: Partial<RedisClientOptions> = {}): RedisClientOptions {
    const rd = settingsFor("redis");
    return {
        url: `rediss://${rd.host}:${rd.port}`,
        password: rd.password,
        socket: {
            tls: true,
            host: rd.host,
            port: rd.port,
            ca: readFileSync(rd.caFile, "utf8"),
            rejectUnauthorized: true,
            connectTimeout: 5000,
            reconnectStrategy: false,
        },
        ...overrides,
    };
}

/** OpenSearch client for the embedded node (plain HTTP on loopback). */
export function openSearchClient(): OpenSearchClient {
    return new OpenSearchClient({ node: settingsFor("opensearch").node, requestTimeout: 10000 });
}

/** Static credentials accepted by moto. */
export interface StaticCredentials {
    accessKeyId: string;
    secretAccessKey: string;
}

/** Config accepted by every AWS SDK v3 client (`new DynamoDBClient(awsClientConfig())`). */
export interface AwsLocalConfig {
    endpoint: string;
    region: string;
    credentials: StaticCredentials;
}

/** S3 needs path-style URLs: moto cannot answer virtual-host buckets on 127.0.0.1. */
export interface S3LocalConfig extends AwsLocalConfig {
    forcePathStyle: true;
}

/**
 * AWS SDK v3 client config pointing at moto. For Kinesis also pass
 * `requestHandler: new NodeHttpHandler()` (its default HTTP/2 handler fails against moto).
 */
export function awsClientConfig(): AwsLocalConfig {
    const mo = settingsFor("moto");
    return {
        endpoint: mo.endpoint,
        region: mo.region,
        credentials: { accessKeyId: mo.accessKeyId, secretAccessKey: mo.secretAccessKey },
    };
}

export function s3ClientConfig(): S3LocalConfig {
    return { ...awsClientConfig(), forcePathStyle: true };
}

/** Forget every resource moto holds (buckets, tables, queues, ...). Call it between tests. */
export async function resetMoto(): Promise<void> {
    const { endpoint } = settingsFor("moto");
    let response: Response;
    try {
        response = await fetch(`${endpoint}/moto-api/reset`, { method: "POST" });
    } catch (err) {
        throw new ServiceUnavailableError("moto", `POST ${endpoint}/moto-api/reset: ${String(err)}`);
    }
    if (!response.ok) {
        throw new Error(`moto reset failed: HTTP ${response.status} ${await response.text()}`);
    }
}

/** Environment that points an AWS SDK v3 client in another process (a serialized Lambda) at moto. */
export function motoEnvironment(): Record<string, string> {
    const moto = settingsFor("moto");
    return {
        AWS_ENDPOINT_URL: moto.endpoint,
        AWS_REGION: moto.region,
        AWS_ACCESS_KEY_ID: moto.accessKeyId,
        AWS_SECRET_ACCESS_KEY: moto.secretAccessKey,
    };
}
