// The generated warehouse SQL as text: keys from config really applied, no MAXERROR, identifiers
// and literals checked before they reach a statement, and the whole load parsed as Redshift SQL.
import { expect } from "chai";
import { validateSource } from "../../../functions/batch-warehouse/source-config";
import {
    copyStatement,
    loadStatements,
    mergeStatement,
    qualityStatement,
    stagingDdl,
    targetDdl,
} from "../../../functions/batch-warehouse/warehouse-sql";
import { parseSql } from "../../support/sqlfluff";
import { location, retailSource } from "./fixtures";

describe("BatchWarehouse SQL", () => {
    it("applies DISTKEY and SORTKEY from the source's config in the target DDL, and the DISTKEY in staging", () => {
        const source = retailSource();
        source.warehouse.distKey = "customer_id";
        source.warehouse.sortKey = ["country", "invoice_date"];
        const [, target] = targetDdl(source, "redshift");
        expect(target).to.contain('DISTSTYLE KEY\nDISTKEY ("customer_id")\nCOMPOUND SORTKEY ("country", "invoice_date");');
        expect(stagingDdl(source, "redshift")[1]).to.contain('DISTKEY ("customer_id");');
        delete source.warehouse.distKey;
        delete source.warehouse.sortKey;
        expect(targetDdl(source, "redshift")[1]).to.contain("DISTSTYLE AUTO\nSORTKEY AUTO;");
    });

    it("never tolerates bad rows in COPY and never replaces or truncates the target", () => {
        const statements = loadStatements(retailSource(), location).join("\n");
        expect(statements).not.to.match(/MAXERROR|TRUNCATE|RENAME|DROP TABLE[^;]*"invoice_lines"[^_]/i);
        expect(copyStatement(retailSource(), location)).to.equal(
            'COPY "retail"."invoice_lines_staging"\n' +
                "FROM 's3://dev-warehouse-processed/processed/online_retail/load_id=jr_0123456789abcdef/'\n" +
                "IAM_ROLE 'arn:aws:iam::123456789012:role/dev-warehouse-copy'\nFORMAT AS PARQUET;",
        );
    });

    it("merges on the record key: new keys inserted, known keys only note the latest load", () => {
        const merge = mergeStatement(retailSource());
        expect(merge).to.contain('ON "invoice_lines"."record_key" = "source"."record_key"');
        expect(merge).to.contain('WHEN MATCHED THEN UPDATE SET "last_load_id" = "source"."load_id"\n');
        expect(merge).to.match(/WHEN NOT MATCHED THEN INSERT \("record_key", .*"first_load_id", "last_load_id"\)/);
    });

    for (const [what, loadId] of [
        ["a quote", "jr_x'; DROP TABLE retail.invoice_lines; --"],
        ["a slash", "../other"],
        ["nothing", ""],
    ] as const) {
        it(`refuses a load id with ${what} before any statement is built`, () => {
            expect(() => loadStatements(retailSource(), { ...location, loadId }))
                .to.throw(/load id/)
                .with.property("name", "SqlValueError");
        });
    }

    it("refuses a processed root or role ARN that is not what it claims to be", () => {
        expect(() => copyStatement(retailSource(), { ...location, processedRoot: "s3://bucket/p' x" }))
            .to.throw(/s3:\/\/ URI/)
            .with.property("name", "SqlValueError");
        expect(() => copyStatement(retailSource(), { ...location, roleArn: "arn:aws:iam::1:role/x' y" }))
            .to.throw(/IAM role ARN/)
            .with.property("name", "SqlValueError");
    });

    for (const [what, change, message] of [
        ["a table name with a quote", (s: ReturnType<typeof retailSource>) => (s.warehouse.table = 'x"; drop'), /warehouse table/],
        ["an upper-case schema", (s: ReturnType<typeof retailSource>) => (s.warehouse.schema = "Retail"), /warehouse schema/],
        ["a DISTKEY that is no column", (s: ReturnType<typeof retailSource>) => (s.warehouse.distKey = "nope"), /distKey "nope"/],
        [
            "a SORTKEY column that is no column",
            (s: ReturnType<typeof retailSource>) => (s.warehouse.sortKey = ["nope"]),
            /sortKey column "nope"/,
        ],
        ["a column named like a pipeline column", (s: ReturnType<typeof retailSource>) => (s.columns[0].name = "load_id"), /reserved/],
        [
            "a null-rate limit above 1",
            (s: ReturnType<typeof retailSource>) => (s.warehouse.quality.maxNullRate.customer_id = 2),
            /between 0 and 1/,
        ],
    ] as const) {
        it(`refuses a source config with ${what}`, () => {
            const source = retailSource();
            change(source);
            expect(() => validateSource(source))
                .to.throw(message)
                .with.property("name", "SourceConfigError");
        });
    }

    it("parses as Redshift SQL with sqlfluff: schema and table DDL with keys, COPY, temp table, MERGE, quality query", function () {
        this.timeout(120_000);
        const statements = [...loadStatements(retailSource(), location), qualityStatement(retailSource())];
        const outcomes = parseSql(statements, "redshift");
        outcomes.forEach((outcome, index) => expect(outcome.ok, `${statements[index]}\n${outcome.report}`).to.equal(true));
        expect([...outcomes[1].segmentTypes]).to.include.members(["create_table_statement", "table_constraint"]);
        expect([...outcomes[4].segmentTypes]).to.include("copy_statement");
        expect([...outcomes[6].segmentTypes]).to.include.members([
            "merge_statement",
            "merge_when_matched_clause",
            "merge_when_not_matched_clause",
        ]);
    });

    it("is caught by the same check when it is not Redshift SQL (the check can fail)", function () {
        this.timeout(60_000);
        const [bad] = parseSql(['CREATE TABLE "a"."b" ("x" INT)\nSORTKEY DISTKEY ("x");'], "redshift");
        expect(bad.ok).to.equal(false);
        expect(bad.report).to.match(/unparsable/);
    });
});
