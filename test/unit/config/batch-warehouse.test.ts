// BatchWarehouse keys: defaults, validation, and the Args they shape.
import { expect } from "chai";
import { batchWarehouseArgs, parseBatchWarehouseSettings } from "../../../config/batch-warehouse";
import { repositorySources } from "../../support/sources";

const defaultArgs = () => batchWarehouseArgs(parseBatchWarehouseSettings(() => undefined), repositorySources());

describe("BatchWarehouse config", () => {
    it("defaults to a small, capped warehouse and the shipped source", () => {
        const config = defaultArgs();
        expect(config).to.deep.include({
            baseCapacityRpu: 8,
            usageLimitRpuHours: 24,
            usageLimitBreachAction: "deactivate",
            workerType: "G.1X",
            logExecutionData: false,
        });
        expect(config.source.warehouse).to.deep.include({ distKey: "stock_code", sortKey: ["invoice_date", "invoice_no"] });
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
