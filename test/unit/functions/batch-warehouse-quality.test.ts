// The quality verdict: every threshold of the source's config checked, every failure named.
import { expect } from "chai";
import { judgeQuality } from "../../../functions/batch-warehouse/quality";

const thresholds = { minRows: 1, maxNullRate: { invoice_no: 0, customer_id: 0.35 } };
const good = { rows_in: 10, distinct_in: 9, rows_out: 9, null_rate_invoice_no: 0, null_rate_customer_id: 0.35 };

describe("BatchWarehouse quality verdict", () => {
    it("passes a load within every threshold (a rate equal to its limit passes) and counts duplicates", () => {
        expect(judgeQuality(good, thresholds)).to.deep.equal({
            passed: true,
            rowsIn: 10,
            distinctIn: 9,
            rowsOut: 9,
            duplicatesIn: 1,
            nullRates: { invoice_no: 0, customer_id: 0.35 },
            failures: [],
        });
    });

    it("names every failed check: too few rows, rows lost between staging and target, null rates above limits", () => {
        const verdict = judgeQuality(
            { ...good, rows_in: 0, distinct_in: 0, rows_out: 1, null_rate_invoice_no: 0.1, null_rate_customer_id: 0.9 },
            thresholds,
        );
        expect(verdict.passed).to.equal(false);
        expect(verdict.failures).to.deep.equal([
            "0 rows loaded, fewer than the minimum of 1",
            "0 distinct records staged but 1 in the target for this load",
            "invoice_no is null in 10.0% of rows, above the limit of 0.0%",
            "customer_id is null in 90.0% of rows, above the limit of 35.0%",
        ]);
    });

    it("refuses a result without a number it needs rather than passing it", () => {
        const { null_rate_customer_id: _dropped, ...missing } = good;
        expect(() => judgeQuality(missing, thresholds)).to.throw(/no number for null_rate_customer_id/);
    });
});
