// CsvToPostgres after the database password is rotated (RDS rotates its managed secret): the cached
// credentials are refused (SQLSTATE 28P01) and the loader reads the secret again, once. Real
// PostgreSQL refuses the password; the secret lives in moto's Secrets Manager.
import { randomBytes } from "crypto";
import { expect } from "chai";
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { Client } from "pg";
import { caBundle, caBundleFileVariable, Database } from "../../../functions/csv-to-postgres/database";
import { awsClientConfig, postgresConfig, requireService, resetMoto, settingsFor } from "../../support/services";
import { Harness } from "./harness";

const role = "csv_rotation";
const table = "rotated_accounts";

/** A Secrets Manager client that counts the secret reads it sends. */
function countingSecretsClient(): { client: SecretsManagerClient; reads: () => number } {
    const client = new SecretsManagerClient(awsClientConfig());
    let reads = 0;
    client.middlewareStack.add(
        (next, context) => args => {
            if (context.commandName === "GetSecretValueCommand") {
                reads++;
            }
            return next(args);
        },
        { step: "initialize", name: "countSecretReads" },
    );
    return { client, reads: () => reads };
}

describe("CsvToPostgres function: a rotated database password (tier 3)", () => {
    const h = new Harness();
    // The bootstrap superuser is trusted on loopback (scripts/services/lib/postgres.sh): it owns the role.
    let admin: Client;
    let secretArn: string;
    const secrets = new SecretsManagerClient(awsClientConfig());
    const password = () => randomBytes(16).toString("hex");

    async function rotate(options: { inPostgres: boolean; inSecret: boolean }): Promise<void> {
        const next = password();
        if (options.inPostgres) {
            await admin.query(`ALTER ROLE ${role} PASSWORD '${next}'`);
        }
        if (options.inSecret) {
            await secrets.send(
                new PutSecretValueCommand({ SecretId: secretArn, SecretString: JSON.stringify({ username: role, password: next }) }),
            );
        }
    }

    /** Ends the container's connection from the server side, as an idle timeout or a failover would. */
    async function dropConnection(database: Database): Promise<void> {
        const client = await database.connection();
        // Not events.once: the client also emits the termination as an "error", which would reject it.
        const ended = new Promise(resolve => client.once("end", resolve));
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [role]);
        await ended;
    }

    function newDatabase(secretsClient: SecretsManagerClient): Database {
        const pg = settingsFor("postgres");
        const ca = caBundle({ [caBundleFileVariable]: pg.caFile });
        return new Database({ host: pg.host, port: pg.port, database: pg.database, secretArn, ca }, secretsClient);
    }

    before(async () => {
        await requireService("postgres", "moto");
        await resetMoto();
        await h.start();
        admin = new Client(postgresConfig({ user: "postgres", password: undefined }));
        await admin.connect();
        await admin.query(`DROP TABLE IF EXISTS ${table}`);
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
        const first = password();
        await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD '${first}'`);
        await admin.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${role}`);
        const created = await secrets.send(
            new CreateSecretCommand({ Name: "rds!db-rotation", SecretString: JSON.stringify({ username: role, password: first }) }),
        );
        secretArn = created.ARN!;
    });
    after(async () => {
        await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [role]);
        await admin.query(`DROP TABLE IF EXISTS ${table}`);
        await admin.query(`REVOKE ALL ON SCHEMA public FROM ${role}`);
        await admin.query(`DROP ROLE IF EXISTS ${role}`);
        await admin.end();
        await h.stop();
    });

    it("reads the secret again, once, when PostgreSQL refuses the cached password, and the next load succeeds", async () => {
        const { client, reads } = countingSecretsClient();
        const database = newDatabase(client);
        const deps = h.deps(() => database.connection());
        try {
            expect((await h.drop(`data/${table}.csv`, "id,balance\n1,100\n", undefined, deps)).status).to.equal("loaded");
            expect(reads(), "the first load reads the secret").to.equal(1);

            await rotate({ inPostgres: true, inSecret: true });
            await dropConnection(database);

            const outcome = await h.drop(`data/${table}.csv`, "id,balance\n2,200\n", undefined, deps);
            expect(outcome.status).to.equal("loaded");
            expect(reads(), "one re-read after the refused password").to.equal(2);
            const loaded = await admin.query(`SELECT id::int, balance::int FROM ${table} ORDER BY id`);
            expect(loaded.rows).to.deep.equal([
                { id: 1, balance: 100 },
                { id: 2, balance: 200 },
            ]);
            const { rows } = await admin.query<{ usename: string }>("SELECT usename FROM pg_stat_activity WHERE usename = $1", [role]);
            expect(rows, "the load ran on a connection with the new password").to.have.length(1);
        } finally {
            await database.close();
        }
    });

    it("fails the invocation (so Lambda retries) with the refusal when the secret still holds a refused password, after one re-read", async () => {
        const { client, reads } = countingSecretsClient();
        const database = newDatabase(client);
        const deps = h.deps(() => database.connection());
        try {
            await database.connection();
            expect(reads()).to.equal(1);

            await rotate({ inPostgres: true, inSecret: false });
            await dropConnection(database);

            const error = await h.drop(`data/${table}.csv`, "id,balance\n3,300\n", undefined, deps).then(
                () => undefined,
                (e: Error & { code?: string }) => e,
            );
            expect(error?.code).to.equal("28P01");
            expect(error?.name).to.not.equal("FileRejection");
            expect(reads(), "one re-read, no loop").to.equal(2);
        } finally {
            await database.close();
        }
    });
});
