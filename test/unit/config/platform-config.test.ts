import { expect } from "chai";
import { configDefaults, ConfigReader, parsePlatformConfig } from "../../../config/platform-config";

const reader =
    (values: Record<string, string>): ConfigReader =>
    key =>
        values[key];

describe("platform config", () => {
    it("applies the documented defaults when nothing is set", () => {
        expect(parsePlatformConfig(reader({}))).to.deep.equal(configDefaults);
        expect(configDefaults).to.include({ azCount: 3, natStrategy: "None", endpointAzCount: 1, deletionProtection: false });
    });

    it("parses typed values as the Pulumi runtime stores them (strings, JSON arrays)", () => {
        const config = parsePlatformConfig(
            reader({
                azCount: "3",
                endpointAzCount: "3",
                deletionProtection: "true",
                alarmEmails: '["ops@example.com"]',
                logRetentionInDays: "365",
            }),
        );
        expect(config).to.include({ azCount: 3, endpointAzCount: 3, deletionProtection: true, logRetentionInDays: 365 });
        expect(config.alarmEmails).to.deep.equal(["ops@example.com"]);
    });

    const invalid: [Record<string, string>, RegExp][] = [
        [{ region: "moon-1" }, /region must be an AWS region/],
        [{ vpcCidr: "10.0.0.0/8" }, /vpcCidr must be an IPv4 CIDR block from \/16 to \/20/],
        [{ vpcCidr: "300.0.0.0/16" }, /vpcCidr must be an IPv4 CIDR block/],
        [{ azCount: "2.5" }, /azCount must be an integer from 1 to 6/],
        [{ azCount: "0" }, /azCount must be an integer from 1 to 6/],
        [{ natStrategy: "none" }, /natStrategy must be one of None, Single, OnePerAz \(got "none"\)/],
        [{ logRetentionInDays: "10" }, /logRetentionInDays must be one of 1, 3, 5, 7, 14/],
        [{ deletionProtection: "yes" }, /deletionProtection must be true or false/],
        [{ alarmEmails: "ops@example.com" }, /alarmEmails must be a list of e-mail addresses/],
        [{ alarmEmails: '["not-an-address"]' }, /alarmEmails must be a list of e-mail addresses/],
        [{ endpointAzCount: "3", azCount: "2" }, /endpointAzCount \(3\) cannot exceed azCount \(2\)/],
        [{ costCenter: "a\nb" }, /costCenter must be a tag value/],
    ];
    for (const [values, message] of invalid) {
        it(`rejects ${JSON.stringify(values)} with a message naming the key`, () => {
            expect(() => parsePlatformConfig(reader(values))).to.throw(message);
        });
    }
});
