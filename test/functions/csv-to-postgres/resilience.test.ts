// CsvToPostgres when infrastructure fails, through the real connection path: credentials from a
// (moto) Secrets Manager secret, TLS verified against a CA bundle, one connection per container.
import { expect } from "chai";
import { CreateSecretCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { PutObjectCommand } from "@aws-sdk/client-s3";
import { Client } from "pg";
import { caBundle, caBundleFileVariable, Database, DatabaseSettings } from "../../../functions/csv-to-postgres/database";
import { handleS3Event } from "../../../functions/csv-to-postgres/handler";
import { awsClientConfig, requireService, resetMoto, settingsFor } from "../../support/services";
import { bucket, Harness, s3Event, testConfig } from "./harness";

async function createSecret(name: string, value: object): Promise<string> {
    const secrets = new SecretsManagerClient(awsClientConfig());
    const created = await secrets.send(new CreateSecretCommand({ Name: name, SecretString: JSON.stringify(value) }));
    return created.ARN!;
}

function settings(secretArn: string, ca: string | string[]): DatabaseSettings {
    const pg = settingsFor("postgres");
    return { host: pg.host, port: pg.port, database: pg.database, secretArn, ca };
}

async function waitForCopy(observer: Client, pid: number): Promise<void> {
    for (let attempt = 0; attempt < 2000; attempt++) {
        const { rows } = await observer.query<{ query: string }>("SELECT query FROM pg_stat_activity WHERE pid = $1", [pid]);
        if (rows[0]?.query.startsWith("COPY")) {
            return;
        }
        await new Promise(resolve => setTimeout(resolve, 5));
    }
    throw new Error("the load never reached COPY");
}

describe("CsvToPostgres function: connection and failures (tier 3)", () => {
    const h = new Harness();
    let secretArn: string;
    const localCa = () => caBundle({ [caBundleFileVariable]: settingsFor("postgres").caFile });

    before(async () => {
        await requireService("postgres", "moto");
        await resetMoto();
        await h.start();
        await h.dropTables("accounts");
        const pg = settingsFor("postgres");
        secretArn = await createSecret("rds!db-local", { username: pg.user, password: pg.password, engine: "postgres" });
    });
    after(() => h.stop());

    it("verifies the server against the RDS CA bundle by default, so a server it does not sign is refused", async () => {
        const bundle = caBundle({});
        expect(bundle).to.be.an("array").that.is.not.empty;
        expect([bundle].flat().join("\n")).to.contain("BEGIN CERTIFICATE");
        const database = new Database(settings(secretArn, bundle), new SecretsManagerClient(awsClientConfig()));
        const error = await database.connection().then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).to.match(/certificate/i);
        await database.close();
    });

    it("reads credentials from the secret, connects over TLS with the CA override, and reuses one connection", async () => {
        const database = new Database(settings(secretArn, localCa()), new SecretsManagerClient(awsClientConfig()));
        const first = await database.connection();
        const { rows } = await first.query<{ ssl: boolean }>("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()");
        expect(rows[0].ssl).to.equal(true);
        expect(await database.connection()).to.equal(first);
        await database.close();
    });

    it("fails clearly when the secret has no username and password", async () => {
        const broken = await createSecret("rds!broken", { user: "x" });
        const database = new Database(settings(broken, localCa()), new SecretsManagerClient(awsClientConfig()));
        const error = await database.connection().then(
            () => undefined,
            (e: Error) => e,
        );
        expect(error?.message).to.equal(`secret ${broken} has no username and password`);
    });

    it("leaves the table as it was and throws when the database connection dies during COPY, then reconnects on the next call", async () => {
        const database = new Database(settings(secretArn, localCa()), new SecretsManagerClient(awsClientConfig()));
        const deps = h.deps(() => database.connection());
        await h.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "data/accounts.csv", Body: "id,balance\n1,100\n2,200\n" }));
        await handleS3Event(s3Event("data/accounts.csv", 24), deps, testConfig);
        const before = await h.rows("SELECT id::int, balance::text FROM accounts ORDER BY id");

        const rows = Array.from({ length: 300_000 }, (_, i) => `${i + 1},${i % 7 === 0 ? "not-a-number" : i}\n`).join("");
        const body = Buffer.from(`id,balance\n${rows}`);
        await h.s3.send(new PutObjectCommand({ Bucket: bucket, Key: "data/accounts.csv", Body: body }));
        const rejectsBefore = await h.keys("rejected/accounts/");

        const connection = await database.connection();
        const pid = (await connection.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
        const load = handleS3Event(s3Event("data/accounts.csv", body.length), deps, testConfig).then(
            () => undefined,
            (error: Error) => error,
        );
        await waitForCopy(h.client, pid);
        await h.client.query("SELECT pg_terminate_backend($1)", [pid]);
        const error = await load;

        expect(error, "the invocation must fail so Lambda retries it").to.be.instanceOf(Error);
        expect(error!.name).to.not.equal("FileRejection");
        expect(await h.rows("SELECT id::int, balance::text FROM accounts ORDER BY id")).to.deep.equal(before);
        expect(await h.keys("rejected/accounts/"), "no reject file for a load that will be retried").to.deep.equal(rejectsBefore);

        const retried = await handleS3Event(s3Event("data/accounts.csv", body.length), deps, testConfig);
        expect(retried[0].status).to.equal("loaded");
        expect(await h.rows("SELECT count(*)::int AS n FROM accounts")).to.deep.equal([{ n: 300_000 - Math.ceil(300_000 / 7) + 1 }]);
        await database.close();
    });
});
