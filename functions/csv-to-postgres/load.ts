// One file into one table, in one transaction: COPY every valid row into a temporary staging
// table, then a single INSERT ... SELECT DISTINCT ON (key) ... ON CONFLICT merge. Any failure rolls
// the table back to what it was.
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
import { hasUniqueIndex, planTable, qualifiedName, readTable, TablePlan } from "./schema";

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
    /** Rows that passed every check and were staged. */
    rowsStaged: number;
    /** Rows inserted or changed in the table (an identical re-upload changes none). */
    rowsUpserted: number;
    rowsRejected: number;
}

const stageTable = 'pg_temp."#stage"';
const lineColumn = '"#line"';
const chunkSize = 256 * 1024;

/** An empty line (a stray CR in a file of LF line ends counts as empty too). */
const isBlank = (record: CsvRecord) => record.fields.length === 1 && record.fields[0].trim() === "";

/** The header and up to `sampleRows` items after it, read before the transaction starts. */
async function readHead(items: AsyncIterator<CsvItem>, keyColumns: string[], sampleRows: number) {
    let header: Header | undefined;
    const buffered: CsvItem[] = [];
    let ended = false;
    while (buffered.length < sampleRows) {
        const next = await items.next();
        if (next.done) {
            ended = true;
            break;
        }
        const item = next.value;
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
    if (header === undefined) {
        throw new FileRejection("the file is empty");
    }
    if (ended && buffered.length === 0) {
        throw new FileRejection("the file has a header but no data rows");
    }
    return { header, buffered, ended };
}

function mergeSql(schema: string, plan: TablePlan, header: Header): string {
    const relation = qualifiedName(schema, plan.table);
    const columns = header.columns.map(quoteIdentifier);
    const list = columns.join(", ");
    if (header.key === undefined) {
        return `INSERT INTO ${relation} (${list}) SELECT ${list} FROM ${stageTable} ORDER BY ${lineColumn}`;
    }
    const key = quoteIdentifier(header.key.name);
    // Last occurrence of a key wins: a multi-row upsert may not touch one row twice.
    const latest = `INSERT INTO ${relation} AS target (${list}) SELECT DISTINCT ON (${key}) ${list} FROM ${stageTable} ORDER BY ${key}, ${lineColumn} DESC`;
    if (!plan.exists) {
        return latest; // the new table is empty; its unique constraint is built after the load
    }
    const others = columns.filter(column => column !== key);
    if (others.length === 0) {
        return `${latest} ON CONFLICT (${key}) DO NOTHING`;
    }
    const set = others.map(column => `${column} = EXCLUDED.${column}`).join(", ");
    const changed = `(${others.map(c => `target.${c}`).join(", ")}) IS DISTINCT FROM (${others.map(c => `EXCLUDED.${c}`).join(", ")})`;
    return `${latest} ON CONFLICT (${key}) DO UPDATE SET ${set} WHERE ${changed}`;
}

async function* copyChunks(
    buffered: CsvItem[],
    rest: AsyncIterator<CsvItem> | undefined,
    encode: ReturnType<typeof rowEncoder>,
    rejects: RejectFile,
    counts: { read: number; staged: number },
): AsyncGenerator<string> {
    let chunk = "";
    const take = async (item: CsvItem) => {
        if (isProblem(item)) {
            counts.read++;
            if (!rejects.add(item.line, item.reason)) {
                await rejects.drained();
            }
            return;
        }
        if (isBlank(item)) {
            return;
        }
        counts.read++;
        const encoded = encode(item.line, item.fields);
        if ("reason" in encoded) {
            if (!rejects.add(item.line, encoded.reason, item.fields)) {
                await rejects.drained();
            }
            return;
        }
        counts.staged++;
        chunk += encoded.line;
    };
    for (const item of buffered) {
        await take(item);
    }
    if (rest !== undefined) {
        for (let next = await rest.next(); !next.done; next = await rest.next()) {
            await take(next.value);
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

/** Loads the items of one CSV file into `table`; throws FileRejection when the file cannot load. */
export async function loadCsv(
    client: ClientBase,
    table: string,
    items: AsyncIterable<CsvItem>,
    rejects: RejectFile,
    settings: LoadSettings,
): Promise<LoadSummary> {
    const iterator = items[Symbol.asyncIterator]();
    const { header, buffered, ended } = await readHead(iterator, settings.keyColumns, settings.sampleRows);
    const sample = buffered.filter((item): item is CsvRecord => !isProblem(item)).map(record => record.fields);
    const relation = qualifiedName(settings.schema, table);

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
        const stageColumns = plan.columns.map(column => `${quoteIdentifier(column.name)} ${column.sqlType}`);
        await client.query(`CREATE TEMP TABLE "#stage" (${lineColumn} bigint, ${stageColumns.join(", ")}) ON COMMIT DROP`);

        const counts = { read: 0, staged: 0 };
        const encode = rowEncoder(plan.columns, header.key?.index);
        const copy = client.query(
            copyFrom(`COPY ${stageTable} (${lineColumn}, ${header.columns.map(quoteIdentifier).join(", ")}) FROM STDIN`),
        );
        await pipeline(Readable.from(copyChunks(buffered, ended ? undefined : iterator, encode, rejects, counts)), copy);

        const merged = await client.query(mergeSql(settings.schema, plan, header));
        if (header.key !== undefined && !plan.exists) {
            await client.query(`ALTER TABLE ${relation} ADD UNIQUE (${quoteIdentifier(header.key.name)})`);
        }
        await client.query("COMMIT");
        return {
            table,
            mode: header.key === undefined ? "append" : "upsert",
            key: header.key?.name,
            createdTable: !plan.exists,
            addedColumns: plan.exists ? plan.columns.filter(c => !existing!.some(e => e.name === c.name)).map(c => c.name) : [],
            rowsRead: counts.read,
            rowsStaged: counts.staged,
            rowsUpserted: merged.rowCount ?? 0,
            rowsRejected: rejects.count,
        };
    } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined); // a dead connection has rolled back already
        throw rejectionFromDatabase(error) ?? error;
    }
}
