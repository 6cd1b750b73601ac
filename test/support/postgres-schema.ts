// Tier-3 suites on the local PostgreSQL: one client for the suite, and a schema of its own for each
// test, so no test sees another's tables.
import { Client } from "pg";
import { postgresConfig, requireService } from "./services";

export interface SchemaPerTest {
    /** The suite's connection (the application user), open from `before` to `after`. */
    readonly client: Client;
    /** The current test's schema: `<prefix>_<pid>_<n>`, created before it and dropped after it. */
    readonly schema: string;
}

/** Registers the suite's hooks; call it first in a `describe` so its `beforeEach` runs before the suite's own. */
export function postgresSchemaPerTest(prefix: string): SchemaPerTest {
    if (!/^[a-z_][a-z0-9_]*$/.test(prefix)) {
        throw new Error(`schema prefix ${prefix} is not a plain lower-case identifier`);
    }
    let client: Client | undefined;
    let schema = "";
    let counter = 0;
    const connected = (): Client => {
        if (client === undefined) {
            throw new Error("the PostgreSQL client is open only inside the suite's tests and hooks");
        }
        return client;
    };
    before(async () => {
        await requireService("postgres");
        client = new Client(postgresConfig());
        await client.connect();
    });
    after(() => client?.end());
    beforeEach(async () => {
        schema = `${prefix}_${process.pid}_${++counter}`;
        await connected().query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await connected().query(`CREATE SCHEMA "${schema}"`);
    });
    afterEach(() => connected().query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    return {
        get client() {
            return connected();
        },
        get schema() {
            return schema;
        },
    };
}
