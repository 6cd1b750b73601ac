import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

import { expect } from "chai";
import { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";

import { postgresConfig, requireService } from "../support/services";

/** Open and close one connection; used for the connections that are expected to fail. */
async function connectOnce(config: ReturnType<typeof postgresConfig>): Promise<void> {
    const client = new Client(config);
    try {
        await client.connect();
    } finally {
        await client.end().catch(() => undefined);
    }
}

async function connectError(config: ReturnType<typeof postgresConfig>): Promise<Error> {
    try {
        await connectOnce(config);
    } catch (err) {
        return err as Error;
    }
    throw new Error("connection unexpectedly succeeded");
}

describe("local services: PostgreSQL over TLS", function () {
    let client: Client;

    before(async function () {
        await requireService("postgres");
        client = new Client(postgresConfig());
        await client.connect();
    });

    after(async function () {
        await client?.end();
    });

    it("connects as the app user over TLS verified against the local CA", async function () {
        const { rows } = await client.query<{ user: string; db: string; ssl: boolean; version: string }>(
            `SELECT current_user AS user, current_database() AS db, s.ssl, s.version
         FROM pg_stat_ssl s WHERE s.pid = pg_backend_pid()`,
        );
        expect(rows).to.have.length(1);
        expect(rows[0]).to.include({ user: "app", db: "platform", ssl: true });
        expect(rows[0].version).to.match(/^TLSv1\.[23]$/);
    });

    it("loads rows with COPY FROM STDIN and INSERT, then reads them back", async function () {
        await client.query("CREATE TEMP TABLE smoke_orders (id int PRIMARY KEY, customer text NOT NULL, amount numeric(10,2))");
        const csv = Readable.from(["1,alice,10.50\n", "2,bob,4.25\n", '3,"carol, jr",0.25\n']);
        const copy = client.query(copyFrom("COPY smoke_orders (id, customer, amount) FROM STDIN WITH (FORMAT csv)"));
        await pipeline(csv, copy);
        expect(copy.rowCount).to.equal(3);

        await client.query("INSERT INTO smoke_orders (id, customer, amount) VALUES ($1, $2, $3)", [4, "dave", "5.00"]);

        const { rows } = await client.query<{ n: number; total: string; customers: string[] }>(
            "SELECT count(*)::int AS n, sum(amount)::text AS total, array_agg(customer ORDER BY id) AS customers FROM smoke_orders",
        );
        expect(rows[0]).to.deep.equal({ n: 4, total: "20.00", customers: ["alice", "bob", "carol, jr", "dave"] });

        // The primary key is enforced by the real server.
        const dup = await client.query("INSERT INTO smoke_orders VALUES (1, 'again', 1)").catch((err: Error) => err);
        expect(dup)
            .to.be.instanceOf(Error)
            .with.property("message")
            .that.matches(/duplicate key/);
    });

    it("refuses a client that does not trust the local CA", async function () {
        const err = await connectError(postgresConfig({ ssl: { rejectUnauthorized: true } }));
        expect(err.message).to.match(/certificate/i);
    });

    it("checks the host name against the certificate (verify-full)", async function () {
        const ca = postgresConfig().ssl;
        expect(ca).to.be.an("object");
        const err = await connectError(postgresConfig({ ssl: { ...(ca as object), servername: "db.not-this-host.invalid" } }));
        expect(err.message).to.match(/altnames|does not match|not in the cert/i);
    });

    it("rejects unencrypted connections and wrong passwords for the app user", async function () {
        const plain = await connectError(postgresConfig({ ssl: false }));
        expect(plain.message).to.match(/no encryption|pg_hba/);
        const wrong = await connectError(postgresConfig({ password: "not-the-password" }));
        expect(wrong.message).to.match(/password authentication failed/);
    });
});
