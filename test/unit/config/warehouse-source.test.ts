// A declared source converted to BatchWarehouse's SourceConfig: sources/online-retail.json, in the
// sources/ format, means exactly what BatchWarehouse's own file said (kept as the fixture
// test/fixtures/online-retail/source-config.json, which the Glue tests read).
import { readFileSync } from "node:fs";
import * as path from "node:path";

import { expect } from "chai";

import { checkSourceDocument } from "../../../config/sources";
import { defaultTimestampFormats, warehouseSourceConfig } from "../../../config/warehouse-source";
import type { SourceDefinition } from "../../../functions/sources/source-definition";
import { REPO_ROOT } from "../../support/services";
import { repositorySources } from "../../support/sources";

const oldFormat = readFileSync(path.join(REPO_ROOT, "test", "fixtures", "online-retail", "source-config.json"), "utf8");

function definition(document: unknown): SourceDefinition {
    const result = checkSourceDocument("sources/x.json", document);
    if (Array.isArray(result)) throw new Error(JSON.stringify(result));
    return result;
}

describe("warehouseSourceConfig", () => {
    it("converts sources/online-retail.json into the SourceConfig BatchWarehouse's own file held, key for key", () => {
        const retail = repositorySources().find(source => source.name === "online_retail")!;
        const converted = warehouseSourceConfig(retail);
        expect(converted).to.deep.equal(JSON.parse(oldFormat));
        // The Glue job receives the JSON text: same keys in the same order, so the job argument does not change.
        expect(JSON.stringify(converted)).to.equal(JSON.stringify(JSON.parse(oldFormat)));
    });

    it("fills what the issue's format leaves out: string columns, ISO timestamps, the first timestamp as partition, no quality floor", () => {
        const source = definition({
            source: {
                name: "clicks",
                type: "s3",
                config: {},
                schema: { type: "csv", mapping: { clickId: "id", at: { from: "time", type: "timestamp", required: true } } },
                destination: { bucket: "${BUCKET:processed}", prefix: "clicks/" },
                redshift: { schema: "web", table: "clicks" },
            },
        });
        expect(warehouseSourceConfig(source)).to.deep.equal({
            name: "clicks",
            format: "csv",
            columns: [
                { name: "clickid", source: "id", type: "string", required: false },
                { name: "at", source: "time", type: "timestamp", formats: defaultTimestampFormats, required: true },
            ],
            partitionColumn: "at",
            warehouse: { schema: "web", table: "clicks", quality: { minRows: 0, maxNullRate: {} } },
        });
    });

    it("a source without a timestamp column has no partition column (the load's date partitions it)", () => {
        const customers = repositorySources().find(source => source.name === "customer_data_api")!;
        const converted = warehouseSourceConfig(customers);
        expect(converted.partitionColumn).to.equal(undefined);
        expect(converted.format).to.equal("json");
        expect(converted.warehouse).to.deep.include({ distKey: "customerid", sortKey: ["customername"] });
    });
});
