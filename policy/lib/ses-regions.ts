// Where SES receives e-mail: the one list, read by ses-receiving-region (rules/ses.ts).

/**
 * Regions where SES receives e-mail (an MX record can point at inbound-smtp.<region>.amazonaws.com).
 * Source: AWS General Reference, "Amazon Simple Email Service endpoints and quotas", section
 * "Email receiving endpoints" (https://docs.aws.amazon.com/general/latest/gr/ses.html). Re-check
 * it there when AWS adds regions (docs/sources.md shows the list through docs/policies.md).
 */
export const sesReceivingRegions: readonly string[] = [
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
    "ca-central-1",
    "eu-west-1",
    "eu-west-2",
    "eu-central-1",
    "ap-northeast-1",
    "ap-southeast-1",
    "ap-southeast-2",
];

export function sesReceivesMailIn(region: string): boolean {
    return sesReceivingRegions.includes(region);
}
