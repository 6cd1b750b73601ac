// The warehouse runner against moto's Redshift Data API. moto records statements and keeps them
// STARTED (it runs no SQL), answers GetStatementResult with a fixed table and has no
// BatchExecuteStatement: those answers are injected into the real client's middleware, where
// noted, with the Data API's documented response shapes.
import { CancelStatementCommand, DescribeStatementCommand, RedshiftDataClient } from "@aws-sdk/client-redshift-data";
import { CreateBucketCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { submitStatement, waitForStatement } from "../../../functions/batch-warehouse/data-api";
import { RunnerSettings, runWarehouseAction } from "../../../functions/batch-warehouse/handler";
import { QualityVerdict } from "../../../functions/batch-warehouse/quality";
import { qualityStatement } from "../../../functions/batch-warehouse/warehouse-sql";
import { motoRedshiftData } from "../../support/moto-redshift-data";
import { requireService, resetMoto, s3ClientConfig } from "../../support/services";
import { location, retailSource } from "./fixtures";

const settings: RunnerSettings = {
    target: { workgroupName: "dev-warehouse", database: "warehouse" },
    processedRoot: location.processedRoot,
    copyRoleArn: location.roleArn,
    poll: { intervalMs: 20, timeoutMs: 400 },
};

const s3 = new S3Client(s3ClientConfig());
const thisLoad = `load_id=${location.loadId}/`;

/** The processed zone in moto, with what Glue jobs left under processed/online_retail/. */
async function processedZone(keys: string[]): Promise<void> {
    const bucket = "dev-warehouse-processed";
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    for (const key of keys) {
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key: `processed/online_retail/${key}`, Body: "x" }));
    }
}

type Answer = (input: Record<string, unknown>) => unknown;

/** A real client whose answers to the named commands are replaced (the rest reach moto). */
function clientAnswering(
    answers: Record<string, Answer>,
    sent: Record<string, unknown>[] = [],
    passedOn: { command: string; output: unknown }[] = [],
): RedshiftDataClient {
    const client = motoRedshiftData();
    client.middlewareStack.add(
        (next, context) => async args => {
            const answer = answers[context.commandName ?? ""];
            if (answer) {
                sent.push(args.input as Record<string, unknown>);
                return { output: { $metadata: {}, ...(answer(args.input as Record<string, unknown>) as object) }, response: {} };
            }
            const result = await next(args);
            passedOn.push({ command: context.commandName ?? "", output: result.output });
            return result;
        },
        { step: "initialize", name: "answerFromTest" },
    );
    return client;
}

describe("BatchWarehouse runner (Redshift Data API)", function () {
    this.timeout(20_000);
    before(() => requireService("moto"));
    beforeEach(() => resetMoto());

    it("submits a statement to the workgroup and database, as moto records it", async () => {
        const client = motoRedshiftData();
        const id = await submitStatement(client, settings.target, "SELECT 1");
        const described = await client.send(new DescribeStatementCommand({ Id: id }));
        expect(described).to.include({ QueryString: "SELECT 1", Database: "warehouse", Status: "STARTED" });
    });

    it("gives up on a statement that never finishes, with a timeout error (a task failure, not a result)", async () => {
        const client = motoRedshiftData();
        const id = await submitStatement(client, settings.target, "SELECT 1");
        const error = await waitForStatement(client, id, settings.poll).catch((e: Error) => e);
        expect(error)
            .to.be.instanceOf(Error)
            .and.include({ name: "StatementTimeoutError", message: `statement ${id} did not finish within 400 ms` });
    });

    it("throws when the statement is aborted while it is being waited for", async () => {
        const client = motoRedshiftData();
        const id = await submitStatement(client, settings.target, "SELECT 1");
        const waiting = waitForStatement(client, id, { intervalMs: 20, timeoutMs: 5000 }).catch((e: Error) => e);
        await client.send(new CancelStatementCommand({ Id: id }));
        expect(await waiting)
            .to.be.instanceOf(Error)
            .with.property("name", "StatementAbortedError");
    });

    it("throws with the warehouse's reason when a statement fails (DescribeStatement answered FAILED)", async () => {
        const client = clientAnswering({
            DescribeStatementCommand: input => ({ Id: input.Id, Status: "FAILED", Error: "ERROR: relation does not exist" }),
        });
        const id = await submitStatement(client, settings.target, "SELECT 1");
        const error = await waitForStatement(client, id, settings.poll).catch((e: Error) => e);
        expect(error)
            .to.be.instanceOf(Error)
            .and.include({ name: "StatementFailedError", message: `statement ${id} failed: ERROR: relation does not exist` });
    });

    it("load: evolves the table first, then sends the whole load as one batch for the Glue run's prefix", async () => {
        const sent: Record<string, unknown>[] = [];
        const executed = new Map<string, string>();
        // The table exists without country: the load adds it (nullable) and records the change.
        const existing = retailSource()
            .columns.map(column => column.name)
            .filter(name => name !== "country");
        const client = clientAnswering(
            {
                ExecuteStatementCommand: input => {
                    const id = `e${executed.size}`;
                    executed.set(id, String(input.Sql));
                    return { Id: id };
                },
                DescribeStatementCommand: input => ({
                    Id: input.Id,
                    Status: "FINISHED",
                    HasResultSet: executed.get(String(input.Id))!.startsWith("SELECT"),
                }),
                GetStatementResultCommand: () => ({
                    ColumnMetadata: [{ label: "column_name" }, { label: "data_type" }],
                    Records: existing.map(name => [{ stringValue: name }, { stringValue: "character varying" }]),
                }),
                BatchExecuteStatementCommand: () => ({ Id: "d9b4b4b4-0000-4000-8000-000000000001" }),
            },
            sent,
        );
        await processedZone([`${thisLoad}_SUCCESS`, `${thisLoad}event_date=2010-12-01/part-00000-c000.snappy.parquet`]);
        const started = await runWarehouseAction({ action: "load", loadId: location.loadId }, client, retailSource(), settings, s3);
        expect(started).to.deep.equal({
            hasData: true,
            statementId: "d9b4b4b4-0000-4000-8000-000000000001",
            loadId: location.loadId,
            statements: 7,
            addedColumns: ["country"],
        });
        const statements = [...executed.values()];
        expect(statements.find(sql => sql.startsWith("ALTER TABLE"))).to.equal(
            'ALTER TABLE "retail"."invoice_lines" ADD COLUMN "country" VARCHAR(4096);',
        );
        expect(statements.some(sql => sql.startsWith('INSERT INTO "retail"."source_schema_changes"'))).to.equal(true);
        const batch = sent.find(input => Array.isArray(input.Sqls)) as { Sqls: string[]; WorkgroupName: string; Database: string };
        expect(batch).to.include({ WorkgroupName: "dev-warehouse", Database: "warehouse" });
        expect(batch.Sqls[4]).to.contain(`FROM 's3://dev-warehouse-processed/processed/online_retail/load_id=${location.loadId}/'`);
        expect(batch.Sqls[6]).to.match(/^MERGE INTO "retail"."invoice_lines"/);
    });

    it("load: a run that wrote no Parquet (only Spark's _SUCCESS, as moto lists it) submits nothing and answers no new data", async () => {
        const sent: Record<string, unknown>[] = [];
        const client = clientAnswering(
            { ExecuteStatementCommand: () => ({ Id: "x" }), BatchExecuteStatementCommand: () => ({ Id: "y" }) },
            sent,
        );
        // Another load's Parquet beside it must not count.
        await processedZone([`${thisLoad}_SUCCESS`, "load_id=jr_other/event_date=2010-12-01/part-00000.parquet"]);
        const answer = await runWarehouseAction({ action: "load", loadId: location.loadId }, client, retailSource(), settings, s3);
        expect(answer).to.deep.equal({ hasData: false, statementId: null, loadId: location.loadId });
        expect(sent).to.deep.equal([]);
    });

    it("load: refuses a load id that could leave its prefix, before calling the Data API", async () => {
        const sent: Record<string, unknown>[] = [];
        const client = clientAnswering({ BatchExecuteStatementCommand: () => ({ Id: "x" }) }, sent);
        const error = await runWarehouseAction({ action: "load", loadId: "../x'" }, client, retailSource(), settings, s3).catch(
            (e: Error) => e,
        );
        expect(error)
            .to.be.instanceOf(Error)
            .and.include({ name: "RunnerInputError" })
            .and.have.property("message")
            .that.matches(/load id/);
        expect(sent).to.deep.equal([]);
    });

    it("quality: submits the check query to moto, reads the Data API's typed fields and judges them", async () => {
        const labels = [
            "rows_in",
            "distinct_in",
            "rows_out",
            "null_rate_invoice_no",
            "null_rate_stock_code",
            "null_rate_invoice_date",
            "null_rate_customer_id",
        ];
        const passedOn: { command: string; output: unknown }[] = [];
        const client = clientAnswering(
            {
                DescribeStatementCommand: input => ({ Id: input.Id, Status: "FINISHED", HasResultSet: true }),
                GetStatementResultCommand: () => ({
                    ColumnMetadata: labels.map(label => ({ label, name: label })),
                    // COUNT(*) as longValue, AVG over DECIMAL as text, as the Data API returns them.
                    Records: [
                        [
                            { longValue: 10 },
                            { longValue: 9 },
                            { longValue: 9 },
                            { stringValue: "0.0000" },
                            { stringValue: "0.0000" },
                            { stringValue: "0.0000" },
                            { stringValue: "0.5000" },
                        ],
                    ],
                    TotalNumRows: 1,
                }),
            },
            [],
            passedOn,
        );
        const verdict = (await runWarehouseAction({ action: "quality" }, client, retailSource(), settings, s3)) as QualityVerdict;
        expect(verdict).to.deep.include({ passed: false, rowsIn: 10, distinctIn: 9, rowsOut: 9, duplicatesIn: 1 });
        expect(verdict.failures).to.deep.equal(["customer_id is null in 50.0% of rows, above the limit of 35.0%"]);
        // The query itself reached moto.
        expect(passedOn.map(call => call.command)).to.deep.equal(["ExecuteStatementCommand"]);
        const { Id } = passedOn[0].output as { Id: string };
        const recorded = await motoRedshiftData().send(new DescribeStatementCommand({ Id }));
        expect(recorded.QueryString).to.equal(qualityStatement(retailSource()));
    });

    it("rejects an unknown action instead of answering it", async () => {
        const error = await runWarehouseAction({ action: "drop" } as never, motoRedshiftData(), retailSource(), settings, s3).catch(
            (e: Error) => e,
        );
        expect(error).to.be.instanceOf(Error).and.include({ name: "RunnerInputError", message: 'unknown action "drop"' });
    });
});
