import { expect } from "chai";
import { csvToPostgresArgs, csvToPostgresDefaults } from "../../../config/csv-to-postgres";
import { ConfigError, configDefaults, parsePlatformConfig, PlatformConfig } from "../../../config/platform-config";

const parse = (values: Partial<Record<keyof PlatformConfig, string>>) => parsePlatformConfig(key => values[key as keyof PlatformConfig]);

describe("platform config: CsvToPostgres keys", () => {
    it("defaults to a small single-AZ PostgreSQL 17 with a week of backups", () => {
        expect(parse({})).to.deep.include(csvToPostgresDefaults);
        expect(csvToPostgresDefaults).to.include({ csvDbEngineVersion: "17", csvDbMultiAz: false });
        expect(configDefaults.csvDbMultiAz).to.equal(false);
    });

    it("reads the values a stack sets", () => {
        const config = parse({
            csvDbMultiAz: "true",
            csvDbBackupRetentionDays: "30",
            csvDbEngineVersion: "16.4",
            csvDbInstanceClass: "db.r6g.large",
        });
        expect(config).to.deep.include({
            csvDbMultiAz: true,
            csvDbBackupRetentionDays: 30,
            csvDbEngineVersion: "16.4",
            csvDbInstanceClass: "db.r6g.large",
        });
    });

    it("names the key when a value is out of range or malformed", () => {
        const bad: [Partial<Record<keyof PlatformConfig, string>>, RegExp][] = [
            [{ csvDbEngineVersion: "15" }, /csvDbEngineVersion must be PostgreSQL 16 or 17/],
            [{ csvDbInstanceClass: "t3.micro" }, /csvDbInstanceClass must be an RDS instance class/],
            [{ csvDbBackupRetentionDays: "0" }, /csvDbBackupRetentionDays must be an integer from 1 to 35/],
            [{ csvDbMultiAz: "yes" }, /csvDbMultiAz must be true or false/],
            [{ csvDbStorageGb: "200", csvDbMaxStorageGb: "100" }, /csvDbMaxStorageGb \(100\) cannot be below csvDbStorageGb \(200\)/],
        ];
        for (const [values, message] of bad) {
            expect(() => parse(values)).to.throw(ConfigError, message);
        }
    });
});

describe("config/csv-to-postgres: the component's Args", () => {
    it("converts MiB to bytes and renames the keys to the component's", () => {
        const args = csvToPostgresArgs({ ...csvToPostgresDefaults, csvMaxFileMb: 3, csvDbStorageGb: 50 });
        expect(args.maxFileBytes).to.equal(3 * 1024 * 1024);
        expect(args.allocatedStorageGb).to.equal(50);
        expect(args.maxConcurrentLoads).to.equal(csvToPostgresDefaults.csvMaxConcurrentLoads);
    });
});
