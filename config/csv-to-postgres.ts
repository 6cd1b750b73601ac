// CsvToPostgres keys (csv*), and the component's Args shaped from them.
import type { CsvToPostgresArgs } from "../components/csv-to-postgres";
import { booleanValue, ConfigError, ConfigReader, integerValue, stringValue } from "./values";

export interface CsvToPostgresSettings {
    /** RDS instance class. */
    csvDbInstanceClass: string;
    /** PostgreSQL major version (16 or 17) or a full 16.x/17.x version. */
    csvDbEngineVersion: string;
    /** Allocated storage in GB; storage autoscaling may grow it to csvDbMaxStorageGb. */
    csvDbStorageGb: number;
    /** Storage autoscaling ceiling in GB. */
    csvDbMaxStorageGb: number;
    /** A standby in a second AZ. */
    csvDbMultiAz: boolean;
    /** Days of automated backups (1-35). */
    csvDbBackupRetentionDays: number;
    /** Files larger than this many MiB are rejected unread. */
    csvMaxFileMb: number;
    /** Loads running at once, i.e. database connections the loader may hold. */
    csvMaxConcurrentLoads: number;
    /** Days reject files are kept under rejected/. */
    csvRejectedRetentionDays: number;
}

export const csvToPostgresDefaults: CsvToPostgresSettings = {
    csvDbInstanceClass: "db.t4g.micro",
    csvDbEngineVersion: "17",
    csvDbStorageGb: 20,
    csvDbMaxStorageGb: 100,
    csvDbMultiAz: false,
    csvDbBackupRetentionDays: 7,
    csvMaxFileMb: 1024,
    csvMaxConcurrentLoads: 5,
    csvRejectedRetentionDays: 30,
};

export function parseCsvToPostgresSettings(read: ConfigReader): CsvToPostgresSettings {
    const d = csvToPostgresDefaults;
    const settings: CsvToPostgresSettings = {
        csvDbInstanceClass: stringValue(
            read,
            "csvDbInstanceClass",
            d.csvDbInstanceClass,
            /^db\.[a-z0-9-]+\.[a-z0-9]+$/,
            "an RDS instance class such as db.t4g.micro",
        ),
        csvDbEngineVersion: stringValue(
            read,
            "csvDbEngineVersion",
            d.csvDbEngineVersion,
            /^(16|17)(\.\d+)?$/,
            "PostgreSQL 16 or 17, e.g. 17 or 17.4",
        ),
        csvDbStorageGb: integerValue(read, "csvDbStorageGb", d.csvDbStorageGb, 20, 65536),
        csvDbMaxStorageGb: integerValue(read, "csvDbMaxStorageGb", d.csvDbMaxStorageGb, 20, 65536),
        csvDbMultiAz: booleanValue(read, "csvDbMultiAz", d.csvDbMultiAz),
        csvDbBackupRetentionDays: integerValue(read, "csvDbBackupRetentionDays", d.csvDbBackupRetentionDays, 1, 35),
        csvMaxFileMb: integerValue(read, "csvMaxFileMb", d.csvMaxFileMb, 1, 10240),
        csvMaxConcurrentLoads: integerValue(read, "csvMaxConcurrentLoads", d.csvMaxConcurrentLoads, 1, 100),
        csvRejectedRetentionDays: integerValue(read, "csvRejectedRetentionDays", d.csvRejectedRetentionDays, 1, 3650),
    };
    if (settings.csvDbMaxStorageGb < settings.csvDbStorageGb) {
        throw new ConfigError(
            `csvDbMaxStorageGb (${settings.csvDbMaxStorageGb}) cannot be below csvDbStorageGb (${settings.csvDbStorageGb})`,
        );
    }
    return settings;
}

/** The component's Args (all but the platform), units converted. */
export function csvToPostgresArgs(settings: CsvToPostgresSettings): Omit<CsvToPostgresArgs, "platform"> {
    return {
        instanceClass: settings.csvDbInstanceClass,
        engineVersion: settings.csvDbEngineVersion,
        allocatedStorageGb: settings.csvDbStorageGb,
        maxAllocatedStorageGb: settings.csvDbMaxStorageGb,
        multiAz: settings.csvDbMultiAz,
        backupRetentionDays: settings.csvDbBackupRetentionDays,
        maxFileBytes: settings.csvMaxFileMb * 1024 * 1024,
        maxConcurrentLoads: settings.csvMaxConcurrentLoads,
        rejectedRetentionDays: settings.csvRejectedRetentionDays,
    };
}
