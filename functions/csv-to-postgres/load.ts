// One file into one table, in one transaction: any failure rolls the table back to what it was.
// Valid rows are streamed with COPY; how they reach the table depends on the table:
//  - a new table, or rows appended (no key): COPY straight into the table; a new keyed table then
//    gets its unique constraint, after dropping all but the last occurrence of a repeated key;
//  - an upsert into an existing table: COPY into a temporary staging table, then one
//    INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE merge of the rows that differ from the
//    table's, last occurrence of a key winning.
import { Readable } from "stream";
import { pipeline } from "stream/promises";
import type { ClientBase } from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { CsvItem, CsvRecord, isProblem } from "./csv-records";
import { FileRejection, rejectionFromDatabase } from "./errors";
import { Header, parseHeader } from "./header";
import { quoteIdentifier } from "./identifiers";
import { RejectFile } from "./reject-file";
import { rowEncoder } from "./row-encoder";
import { hasUniqueIndex, planTable, qualifiedName, readTable } from "./schema";

export interface LoadSettings {
    /** Schema the tables live in. */
    schema: string;
    /** Candidate key columns, in order of preference. */
    keyColumns: string[];
    /** Rows read before the table is created, to infer column types. */
    sampleRows: number;
    /** Memory for the merge's sort (PostgreSQL `work_mem`). */
    workMem: string;
}

export interface LoadSummary {
    table: string;
    mode: "upsert" | "append";
    key?: string;
    createdTable: boolean;
    addedColumns: string[];
    /** Data rows in the file (blank lines not counted). */
    rowsRead: number;
    /** Rows that passed every check and were copied to the database. */
    rowsStaged: number;
    /** Rows inserted or changed in the table (an identical re-upload changes none). */
    rowsUpserted: number;
    rowsRejected: number;
}

const stageTable = 'pg_temp."#stage"';
const lineColumn = '"#line"';
const chunkSize = 256 * 1024;
const uniqueViolation = "23505";

/** An empty line (a stray CR in a file of LF line ends counts as empty too). */
const isBlank = (record: CsvRecord) => record.fields.length === 1 && record.fields[0].trim() === "";

/**
 * The header and up to `sampleRows` items after it, read before the transaction starts, and the
 * rest of the batch the last of them came in.
 */
async function readHead(batches: AsyncIterator<CsvItem[]>, keyColumns: string[], sampleRows: number) {
    let header: Header | undefined;
    const buffered: CsvItem[] = [];
    let rest: CsvItem[] = [];
    let ended = false;
    while (buffered.length < sampleRows) {
        const next = await batches.next();
        if (next.done) {
            ended = true;
            break;
        }
        const items = next.value;
        let index = 0;
        for (; index < items.length && buffered.length < sampleRows; index++) {
            const item = items[index];
            if (header === undefined) {
                if (isProblem(item)) {
                    throw new FileRejection(`bad header on line ${item.line}: ${item.reason}`);
                }
                if (!isBlank(item)) {
                    header = parseHeader(item.fields, keyColumns);
                }
            } else if (isProblem(item) || !isBlank(item)) {
                buffered.push(item);
            }
        }
        rest = items.slice(index);
    }
    if (header === undefined) {
        throw new FileRejection("the file is empty");
    }
    if (ended && buffered.length === 0) {
        throw new FileRejection("the file has a header but no data rows");
    }
    return { header, buffered, rest, ended };
}

interface Counts {
    read: number;
    staged: number;
}

/**
 * COPY text for the items, in chunks of about `chunkSize`. Items come in batches and are handled
 * synchronously; the only await per batch is for the reject file when it lags behind.
 */
async function* copyChunks(
    head: CsvItem[][],
    batches: AsyncIterator<CsvItem[]> | undefined,
    encode: ReturnType<typeof rowEncoder>,
    rejects: RejectFile,
    counts: Counts,
): AsyncGenerator<string> {
    let chunk = "";
    /** Adds the items to `chunk`; false when the reject file asks to wait. */
    const take = (items: CsvItem[]): boolean => {
        let flowing = true;
        for (let index = 0; index < items.length; index++) {
            const item = items[index];
            if (isProblem(item)) {
                counts.read++;
                flowing = rejects.add(item.line, item.reason) && flowing;
                continue;
            }
            if (isBlank(item)) {
                continue;
            }
            counts.read++;
            const encoded = encode(item.line, item.fields);
            if ("reason" in encoded) {
                flowing = rejects.add(item.line, encoded.reason, item.fields) && flowing;
                continue;
            }
            counts.staged++;
            chunk += encoded.line;
        }
        return flowing;
    };
    for (const items of head) {
        if (!take(items)) {
            await rejects.drained();
        }
    }
    if (batches !== undefined) {
        for (let next = await batches.next(); !next.done; next = await batches.next()) {
            if (!take(next.value)) {
                await rejects.drained();
            }
            if (chunk.length >= chunkSize) {
                yield chunk;
                chunk = "";
            }
        }
    }
    if (chunk.length > 0) {
        yield chunk;
    }
}

/** Runs `statement` in a savepoint; on `code` rolls back to it and returns false. */
async function attempt(client: ClientBase, statement: () => Promise<void>, code: string): Promise<boolean> {
    await client.query("SAVEPOINT attempt");
    try {
        await statement();
        await client.query("RELEASE SAVEPOINT attempt");
        return true;
    } catch (error) {
        if ((error as { code?: string }).code !== code) {
            throw error;
        }
        await client.query("ROLLBACK TO SAVEPOINT attempt");
        return false;
    }
}

/**
 * The unique constraint of a new table. Most files repeat no key, so the constraint is tried first;
 * when it fails, all but the physically last row of each key go (a table filled by one COPY in the
 * transaction that created it holds its rows in file order).
 */
async function addKeyConstraint(client: ClientBase, relation: string, key: string): Promise<number> {
    const addConstraint = async () => {
        await client.query(`ALTER TABLE ${relation} ADD UNIQUE (${key})`);
    };
    if (await attempt(client, addConstraint, uniqueViolation)) {
        return 0;
    }
    const removed = await client.query(
        `DELETE FROM ${relation} AS earlier USING ${relation} AS later WHERE earlier.${key} = later.${key} AND earlier.ctid < later.ctid`,
    );
    await addConstraint();
    return removed.rowCount ?? 0;
}

/**
 * Upserts the staging table into the table. Staged rows identical to the table's are left out
 * before ON CONFLICT sees them: it would lock (and so write) every conflicting row, changed or not,
 * which made an unchanged re-upload cost more than loading a new table. Leaving rows out is only
 * safe when no key repeats (else an earlier, different occurrence could beat an identical last
 * one), which a unique index on the stage proves; when a key does repeat, DISTINCT ON picks each
 * key's last occurrence first.
 */
async function mergeStage(client: ClientBase, relation: string, columns: string[], key: string): Promise<number> {
    const list = columns.join(", ");
    const others = columns.filter(column => column !== key);
    const row = (alias: string) => `(${others.map(c => `${alias}.${c}`).join(", ")})`;
    const onConflict =
        others.length === 0
            ? `ON CONFLICT (${key}) DO NOTHING`
            : `ON CONFLICT (${key}) DO UPDATE SET ${others.map(c => `${c} = EXCLUDED.${c}`).join(", ")} ` +
              `WHERE ${row("target")} IS DISTINCT FROM ${row("EXCLUDED")}`;
    const keysUnique = await attempt(
        client,
        async () => {
            await client.query(`CREATE UNIQUE INDEX ON ${stageTable} (${key})`);
        },
        uniqueViolation,
    );
    const source = keysUnique ? stageTable : `(SELECT DISTINCT ON (${key}) ${list} FROM ${stageTable} ORDER BY ${key}, ${lineColumn} DESC)`;
    const same = others.length === 0 ? "" : ` AND ${row("existing")} IS NOT DISTINCT FROM ${row("latest")}`;
    const unchanged = `EXISTS (SELECT 1 FROM ${relation} AS existing WHERE existing.${key} = latest.${key}${same})`;
    const merged = await client.query(
        `INSERT INTO ${relation} AS target (${list}) SELECT ${list} FROM ${source} AS latest WHERE NOT ${unchanged} ${onConflict}`,
    );
    return merged.rowCount ?? 0;
}

/**
 * Loads the items of one CSV file (in batches) into `table`; throws FileRejection when the file
 * cannot load. The connection is asked for only once the header has passed its checks.
 */
export async function loadCsv(
    connection: () => Promise<ClientBase>,
    table: string,
    batches: AsyncIterable<CsvItem[]>,
    rejects: RejectFile,
    settings: LoadSettings,
): Promise<LoadSummary> {
    const iterator = batches[Symbol.asyncIterator]();
    const { header, buffered, rest, ended } = await readHead(iterator, settings.keyColumns, settings.sampleRows);
    const sample = buffered.filter((item): item is CsvRecord => !isProblem(item)).map(record => record.fields);
    const relation = qualifiedName(settings.schema, table);
    const columns = header.columns.map(quoteIdentifier);
    const key = header.key === undefined ? undefined : quoteIdentifier(header.key.name);

    const client = await connection();
    await client.query("BEGIN; SET LOCAL TIME ZONE 'UTC'"); // timestamps without an offset are UTC
    try {
        await client.query("SELECT set_config('work_mem', $1, true)", [settings.workMem]);
        // Loads into one table run one at a time, so that creating and extending it cannot race.
        await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`csv-to-postgres:${settings.schema}.${table}`]);
        const existing = await readTable(client, settings.schema, table);
        const plan = planTable(settings.schema, table, header, sample, existing);
        if (header.key !== undefined && plan.exists && !(await hasUniqueIndex(client, settings.schema, table, header.key.name))) {
            throw new FileRejection(`table ${table} has no unique constraint on ${header.key.name}, so rows cannot be upserted on it`);
        }
        for (const statement of plan.ddl) {
            await client.query(statement);
        }

        const staged = plan.exists && key !== undefined;
        if (staged) {
            const stageColumns = plan.columns.map(column => `${quoteIdentifier(column.name)} ${column.sqlType}`);
            await client.query(`CREATE TEMP TABLE "#stage" (${lineColumn} bigint, ${stageColumns.join(", ")}) ON COMMIT DROP`);
        }
        const counts: Counts = { read: 0, staged: 0 };
        const encode = rowEncoder(plan.columns, header.key?.index, staged);
        const copyTarget = staged ? `${stageTable} (${lineColumn}, ${columns.join(", ")})` : `${relation} (${columns.join(", ")})`;
        const copy = client.query(copyFrom(`COPY ${copyTarget} FROM STDIN`));
        await pipeline(Readable.from(copyChunks([buffered, rest], ended ? undefined : iterator, encode, rejects, counts)), copy);

        let upserted = counts.staged;
        if (staged) {
            upserted = await mergeStage(client, relation, columns, key);
        } else if (key !== undefined) {
            upserted -= await addKeyConstraint(client, relation, key);
        }
        await client.query("COMMIT");
        return {
            table,
            mode: key === undefined ? "append" : "upsert",
            key: header.key?.name,
            createdTable: !plan.exists,
            addedColumns: plan.exists ? plan.columns.filter(c => !existing!.some(e => e.name === c.name)).map(c => c.name) : [],
            rowsRead: counts.read,
            rowsStaged: counts.staged,
            rowsUpserted: upserted,
            rowsRejected: rejects.count,
        };
    } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined); // a dead connection has rolled back already
        throw rejectionFromDatabase(error) ?? error;
    }
}
