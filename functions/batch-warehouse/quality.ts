// The verdict on one load: row counts in and out and null rates against the source's thresholds.
// A load below threshold is a data problem, reported (and alerted) with every failed check named;
// it is not an exception.
import { QualityThresholds } from "./source-config";

/** One row of qualityStatement(): rows_in, distinct_in, rows_out, null_rate_<column>... */
export type QualityRow = Record<string, number>;

export interface QualityVerdict {
    passed: boolean;
    rowsIn: number;
    distinctIn: number;
    rowsOut: number;
    /** Rows of the load that repeated a record key already in the same load. */
    duplicatesIn: number;
    nullRates: Record<string, number>;
    /** Every failed check, in words; empty when passed. */
    failures: string[];
}

function count(row: QualityRow, name: string): number {
    const value = row[name];
    if (typeof value !== "number" || !Number.isFinite(value)) {
        throw new Error(`quality query returned no number for ${name}`);
    }
    return value;
}

export function judgeQuality(row: QualityRow, thresholds: QualityThresholds): QualityVerdict {
    const rowsIn = count(row, "rows_in");
    const distinctIn = count(row, "distinct_in");
    const rowsOut = count(row, "rows_out");
    const failures: string[] = [];
    if (rowsIn < thresholds.minRows) {
        failures.push(`${rowsIn} rows loaded, fewer than the minimum of ${thresholds.minRows}`);
    }
    if (rowsOut !== distinctIn) {
        failures.push(`${distinctIn} distinct records staged but ${rowsOut} in the target for this load`);
    }
    const nullRates: Record<string, number> = {};
    for (const [column, limit] of Object.entries(thresholds.maxNullRate)) {
        const rate = count(row, `null_rate_${column}`);
        nullRates[column] = rate;
        if (rate > limit) {
            failures.push(`${column} is null in ${(rate * 100).toFixed(1)}% of rows, above the limit of ${(limit * 100).toFixed(1)}%`);
        }
    }
    return { passed: failures.length === 0, rowsIn, distinctIn, rowsOut, duplicatesIn: rowsIn - distinctIn, nullRates, failures };
}
