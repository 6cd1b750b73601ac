// One row of the security anchor table (cdk-nag, Security Hub FSBP, awsguard), with the v7 property
// paths a rule reads. A row is implemented by every rule that names one of its ids, or waived here
// with the reason; test/policy/coverage.test.ts keeps the two apart and docs/policies.md current.

export interface AnchorRow {
    /** Ids on the row: `AwsSolutions-*`, `Serverless-*` and `NIST-*` (cdk-nag), FSBP control ids, `awsguard-*`; `x-*` for rows with no anchor. */
    ids: string[];
    /** What the row asks for. */
    checks: string;
    /** Why the pack does not implement it; absent when a rule does. */
    waived?: string;
}

/** `row("AwsSolutions-VPC7", "checks")`; several ids separated by spaces. */
export function row(ids: string, checks: string, waived?: string): AnchorRow {
    return { ids: ids.split(" "), checks, ...(waived === undefined ? {} : { waived }) };
}
