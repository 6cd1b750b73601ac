// BatchWarehouse keys: defaults, validation, and the Args they shape.
import { expect } from "chai";
import { batchWarehouseArgs, parseBatchWarehouseSettings } from "../../../config/batch-warehouse";
import { ConfigError } from "../../../config/platform-config";
import { SourceFileError } from "../../../config/sources";
import { repositorySources } from "../../support/sources";

const defaultArgs = () =>
    batchWarehouseArgs(
        parseBatchWarehouseSettings(() => undefined),
        repositorySources(),
    );

describe("BatchWarehouse config", () => {
    it("defaults to a small, capped warehouse loading every shipped source, online_retail keeping its names", () => {
        const config = defaultArgs();
        expect(config).to.deep.include({
            baseCapacityRpu: 8,
            usageLimitRpuHours: 24,
            usageLimitBreachAction: "deactivate",
            workerType: "G.1X",
            logExecutionData: false,
        });
        expect(config.primarySource).to.equal("online_retail");
        expect(config.sources.map(source => source.config.name).sort()).to.deep.equal(
            repositorySources()
                .map(source => source.name)
                .sort(),
        );
        const retail = config.sources.find(source => source.config.name === "online_retail")!;
        expect(retail.config.warehouse).to.deep.include({ distKey: "stock_code", sortKey: ["invoice_date", "invoice_no"] });
    });

    it("refuses no sources, and names the file of a source the warehouse cannot take", () => {
        const settings = parseBatchWarehouseSettings(() => undefined);
        expect(() => batchWarehouseArgs(settings, [])).to.throw(ConfigError, /no source declared/);
        const [retail] = repositorySources().filter(source => source.name === "online_retail");
        const clash = { ...retail, transform: { ...retail.transform, dedupeKey: ["record_key"] } };
        expect(() => batchWarehouseArgs(settings, [clash])).to.throw(
            SourceFileError,
            /sources\/online-retail.json: \/source: .*record_key/,
        );
    });

    for (const [key, value, message] of [
        ["warehouseBaseCapacityRpu", "12", /4 or a multiple of 8/],
        ["warehouseWorkerType", "G.16X", /must be one of/],
        ["warehouseSchedule", "every day", /rate\(\.\.\.\) or cron/],
        ["warehouseUsageLimitBreachAction", "ignore", /must be one of/],
        ["warehouseLogExecutionData", "yes", /true or false/],
    ] as const) {
        it(`refuses ${key}=${value}`, () => {
            expect(() => parseBatchWarehouseSettings((k: string) => (k === key ? value : undefined))).to.throw(message);
        });
    }
});
