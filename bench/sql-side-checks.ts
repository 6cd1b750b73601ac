// The design the function did not take, measured for comparison: no type checks in JavaScript,
// every column staged as text, types checked in SQL and cast on the way into the table. PostgreSQL
// 15 has no pg_input_is_valid (16+), so the checks are regular expressions, which cannot see that
// 2024-02-30 is no date: one such value would abort the whole cast. That is a second reason the
// function checks values in the stream.
import { Readable } from "stream";
import { pipeline } from "stream/promises";
import type { Client } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { checkFor } from "../functions/csv-to-postgres/column-types";
import { csvItems, isProblem } from "../functions/csv-to-postgres/csv-records";
import { rowEncoder } from "../functions/csv-to-postgres/row-encoder";
import { LoadColumn } from "../functions/csv-to-postgres/schema";

const columns = ["id", "email", "name", "balance", "joined", "active"];
const valid = [
    "id ~ '^[+-]?[0-9]{1,18}$'",
    "(balance IS NULL OR balance ~ '^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$')",
    "(joined IS NULL OR joined ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$')",
    "(active IS NULL OR lower(active) IN ('true', 'false', 't', 'f', 'yes', 'no', 'on', 'off', '1', '0'))",
].join(" AND ");

const asText: LoadColumn[] = columns.map(name => ({
    name,
    sqlType: "text",
    typeLabel: "text",
    check: checkFor({ typeName: "text", typeModifier: -1 })!,
    required: false,
}));

/** Loads the bench file into a new `table` with SQL-side checks; returns rows loaded and rejected. */
export async function loadWithSqlChecks(client: Client, body: Readable, table: string): Promise<{ loaded: number; rejected: number }> {
    const encode = rowEncoder(asText, undefined, true);
    async function* lines(): AsyncGenerator<string> {
        let chunk = "";
        let header = true;
        for await (const item of csvItems(body)) {
            if (isProblem(item) || header) {
                header = false;
                continue;
            }
            const encoded = encode(item.line, item.fields);
            if ("line" in encoded) {
                chunk += encoded.line;
            }
            if (chunk.length >= 256 * 1024) {
                yield chunk;
                chunk = "";
            }
        }
        yield chunk;
    }
    await client.query("BEGIN");
    await client.query(`CREATE TEMP TABLE sql_stage (line bigint, ${columns.map(c => `${c} text`).join(", ")}) ON COMMIT DROP`);
    await pipeline(Readable.from(lines()), client.query(copyFrom(`COPY sql_stage FROM STDIN`)));
    await client.query(`CREATE TABLE ${table} (id bigint, email text, name text, balance numeric, joined date, active boolean)`);
    const loaded = await client.query(
        `INSERT INTO ${table} SELECT id::bigint, email, name, balance::numeric, joined::date, active::boolean FROM sql_stage WHERE ${valid}`,
    );
    const rejected = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM sql_stage WHERE NOT (${valid})`);
    await client.query(`ALTER TABLE ${table} ADD UNIQUE (id)`);
    await client.query("COMMIT");
    return { loaded: loaded.rowCount ?? 0, rejected: rejected.rows[0].n };
}
