// The stack configuration of the platform, parsed and validated in one place.
// index.ts is the only caller that reads Pulumi config; components receive typed args.

export const natStrategies = ["None", "Single", "OnePerAz"] as const;
export type NatStrategy = (typeof natStrategies)[number];

/** Every value index.ts needs, with defaults applied. Pulumi.yaml declares the same keys. */
export interface PlatformConfig {
    /** AWS region every resource is created in. */
    region: string;
    /** CIDR block of the VPC. */
    vpcCidr: string;
    /** Availability zones the VPC spans (Redshift Serverless needs three). */
    azCount: number;
    /** NAT gateways: None keeps the VPC private; endpoints replace the NAT. */
    natStrategy: NatStrategy;
    /** How many AZs carry interface endpoints (they are billed per AZ). */
    endpointAzCount: number;
    /** Retention of every log group the platform creates. */
    logRetentionInDays: number;
    /** Deletion protection for data stores (databases, tables, keys). */
    deletionProtection: boolean;
    /** Addresses subscribed to the alarm topic. */
    alarmEmails: string[];
    /** Value of the cost-center tag on every taggable resource. */
    costCenter: string;
    /** Value of the data-classification tag on every taggable resource. */
    dataClassification: string;
    /** This stack owns the account-level settings SearchAndCache needs (one stack per account and region). */
    manageAccountSettings: boolean;
    /** EventBridge schedule of the SearchAndCache generator (`rate(...)` or `cron(...)`). */
    searchSchedule: string;
    /** Products the generator writes per run. */
    searchRecordsPerRun: number;
    /** OpenSearch data node instance type. */
    searchInstanceType: string;
    /** OpenSearch data nodes. */
    searchInstanceCount: number;
    /** Three dedicated master nodes for the OpenSearch domain. */
    searchDedicatedMasters: boolean;
    /** Instance type of the dedicated master nodes. */
    searchDedicatedMasterType: string;
    /** Spread OpenSearch data nodes over two or three AZs (3 when the node count divides by 3). */
    searchZoneAwareness: boolean;
    /** gp3 volume per OpenSearch data node, in GiB. */
    searchVolumeSizeGb: number;
    /** ElastiCache node type of the Redis replication group. */
    cacheNodeType: string;
    /** Redis replicas; one or more turns on automatic failover and Multi-AZ. */
    cacheReplicas: number;
    /** Days of daily Redis snapshots kept (0 turns snapshots off). */
    cacheSnapshotRetentionDays: number;
    /** Lifetime of a cached product, in seconds. */
    cacheTtlSeconds: number;
    /** Steady-state requests per second the API admits per key (usage plan and stage). */
    apiThrottleRateLimit: number;
    /** Burst of requests the API admits per key. */
    apiThrottleBurstLimit: number;
    /** Requests per day each API key may make. */
    apiQuotaPerDay: number;
    /** CsvToPostgres: RDS instance class. */
    csvDbInstanceClass: string;
    /** CsvToPostgres: PostgreSQL major version (16 or 17) or a full 16.x/17.x version. */
    csvDbEngineVersion: string;
    /** CsvToPostgres: allocated storage in GB; storage autoscaling may grow it to csvDbMaxStorageGb. */
    csvDbStorageGb: number;
    /** CsvToPostgres: storage autoscaling ceiling in GB. */
    csvDbMaxStorageGb: number;
    /** CsvToPostgres: a standby in a second AZ. */
    csvDbMultiAz: boolean;
    /** CsvToPostgres: days of automated backups (1-35). */
    csvDbBackupRetentionDays: number;
    /** CsvToPostgres: files larger than this many MiB are rejected unread. */
    csvMaxFileMb: number;
    /** CsvToPostgres: loads running at once, i.e. database connections the loader may hold. */
    csvMaxConcurrentLoads: number;
    /** CsvToPostgres: days reject files are kept under rejected/. */
    csvRejectedRetentionDays: number;
}

/** Raw config reader: returns the value of a project key as Pulumi stores it, or undefined. */
export type ConfigReader = (key: keyof PlatformConfig) => string | undefined;

export class ConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ConfigError";
    }
}

// CloudWatch Logs accepts only these retention values.
const logRetentionValues = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const configDefaults: PlatformConfig = {
    region: "us-east-1",
    vpcCidr: "10.0.0.0/16",
    azCount: 3,
    natStrategy: "None",
    endpointAzCount: 1,
    logRetentionInDays: 30,
    deletionProtection: false,
    alarmEmails: [],
    costCenter: "data-platform",
    dataClassification: "internal",
    manageAccountSettings: false,
    searchSchedule: "rate(5 minutes)",
    searchRecordsPerRun: 10,
    searchInstanceType: "t3.small.search",
    searchInstanceCount: 1,
    searchDedicatedMasters: false,
    searchDedicatedMasterType: "m6g.large.search",
    searchZoneAwareness: false,
    searchVolumeSizeGb: 10,
    cacheNodeType: "cache.t4g.micro",
    cacheReplicas: 0,
    cacheSnapshotRetentionDays: 0,
    cacheTtlSeconds: 3600,
    apiThrottleRateLimit: 10,
    apiThrottleBurstLimit: 20,
    apiQuotaPerDay: 10000,
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

/** Parses and validates the platform config; throws ConfigError naming the key on bad input. */
export function parsePlatformConfig(read: ConfigReader): PlatformConfig {
    const config: PlatformConfig = {
        region: stringValue(read, "region", /^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as eu-west-1"),
        vpcCidr: cidrValue(read, "vpcCidr"),
        azCount: integerValue(read, "azCount", 1, 6),
        natStrategy: enumValue(read, "natStrategy", natStrategies),
        endpointAzCount: integerValue(read, "endpointAzCount", 1, 6),
        logRetentionInDays: integerValue(read, "logRetentionInDays", 1, 3653),
        deletionProtection: booleanValue(read, "deletionProtection"),
        alarmEmails: emailListValue(read, "alarmEmails"),
        costCenter: stringValue(read, "costCenter", /^[\w.:/=+@ -]{1,256}$/, "a tag value"),
        dataClassification: stringValue(read, "dataClassification", /^[\w.:/=+@ -]{1,256}$/, "a tag value"),
        manageAccountSettings: booleanValue(read, "manageAccountSettings"),
        searchSchedule: stringValue(
            read,
            "searchSchedule",
            /^(rate\(([1-9]\d{0,3}) (minute|minutes|hour|hours|day|days)\)|cron\([^()]{9,200}\))$/,
            "an EventBridge schedule such as rate(5 minutes)",
        ),
        searchRecordsPerRun: integerValue(read, "searchRecordsPerRun", 1, 1000),
        searchInstanceType: stringValue(
            read,
            "searchInstanceType",
            /^[a-z0-9]+\.[a-z0-9]+\.search$/,
            "an OpenSearch instance type such as t3.small.search",
        ),
        searchInstanceCount: integerValue(read, "searchInstanceCount", 1, 30),
        searchDedicatedMasters: booleanValue(read, "searchDedicatedMasters"),
        searchDedicatedMasterType: stringValue(
            read,
            "searchDedicatedMasterType",
            /^[a-z0-9]+\.[a-z0-9]+\.search$/,
            "an OpenSearch instance type such as m6g.large.search",
        ),
        searchZoneAwareness: booleanValue(read, "searchZoneAwareness"),
        searchVolumeSizeGb: integerValue(read, "searchVolumeSizeGb", 10, 3072),
        cacheNodeType: stringValue(
            read,
            "cacheNodeType",
            /^cache\.[a-z0-9]+\.[a-z0-9]+$/,
            "an ElastiCache node type such as cache.t4g.micro",
        ),
        cacheReplicas: integerValue(read, "cacheReplicas", 0, 5),
        cacheSnapshotRetentionDays: integerValue(read, "cacheSnapshotRetentionDays", 0, 35),
        cacheTtlSeconds: integerValue(read, "cacheTtlSeconds", 60, 7 * 24 * 60 * 60),
        apiThrottleRateLimit: integerValue(read, "apiThrottleRateLimit", 1, 10000),
        apiThrottleBurstLimit: integerValue(read, "apiThrottleBurstLimit", 1, 5000),
        apiQuotaPerDay: integerValue(read, "apiQuotaPerDay", 1, 100_000_000),
        csvDbInstanceClass: stringValue(
            read,
            "csvDbInstanceClass",
            /^db\.[a-z0-9-]+\.[a-z0-9]+$/,
            "an RDS instance class such as db.t4g.micro",
        ),
        csvDbEngineVersion: stringValue(read, "csvDbEngineVersion", /^(16|17)(\.\d+)?$/, "PostgreSQL 16 or 17, e.g. 17 or 17.4"),
        csvDbStorageGb: integerValue(read, "csvDbStorageGb", 20, 65536),
        csvDbMaxStorageGb: integerValue(read, "csvDbMaxStorageGb", 20, 65536),
        csvDbMultiAz: booleanValue(read, "csvDbMultiAz"),
        csvDbBackupRetentionDays: integerValue(read, "csvDbBackupRetentionDays", 1, 35),
        csvMaxFileMb: integerValue(read, "csvMaxFileMb", 1, 10240),
        csvMaxConcurrentLoads: integerValue(read, "csvMaxConcurrentLoads", 1, 100),
        csvRejectedRetentionDays: integerValue(read, "csvRejectedRetentionDays", 1, 3650),
    };
    if (!logRetentionValues.includes(config.logRetentionInDays)) {
        throw new ConfigError(`logRetentionInDays must be one of ${logRetentionValues.join(", ")} (got ${config.logRetentionInDays})`);
    }
    if (config.csvDbMaxStorageGb < config.csvDbStorageGb) {
        throw new ConfigError(`csvDbMaxStorageGb (${config.csvDbMaxStorageGb}) cannot be below csvDbStorageGb (${config.csvDbStorageGb})`);
    }
    if (config.endpointAzCount > config.azCount) {
        throw new ConfigError(`endpointAzCount (${config.endpointAzCount}) cannot exceed azCount (${config.azCount})`);
    }
    checkSearchTopology(config);
    return config;
}

/** Zone awareness spreads data nodes evenly over two or three AZs of the VPC. */
export function searchZoneCount(config: Pick<PlatformConfig, "searchZoneAwareness" | "searchInstanceCount">): number {
    if (!config.searchZoneAwareness) {
        return 1;
    }
    return config.searchInstanceCount % 3 === 0 ? 3 : 2;
}

function checkSearchTopology(config: PlatformConfig): void {
    if (!config.searchZoneAwareness) {
        return;
    }
    const zones = searchZoneCount(config);
    if (config.searchInstanceCount % zones !== 0) {
        throw new ConfigError(
            `searchZoneAwareness needs searchInstanceCount to be a multiple of 2 or 3 (got ${config.searchInstanceCount})`,
        );
    }
    if (zones > config.azCount) {
        throw new ConfigError(`searchZoneAwareness over ${zones} AZs needs azCount of at least ${zones} (got ${config.azCount})`);
    }
}

function raw(read: ConfigReader, key: keyof PlatformConfig): string | undefined {
    const value = read(key);
    return value === undefined || value === "" ? undefined : value;
}

function stringValue(read: ConfigReader, key: keyof PlatformConfig, pattern: RegExp, what: string): string {
    const value = raw(read, key) ?? (configDefaults[key] as string);
    if (!pattern.test(value)) {
        throw new ConfigError(`${key} must be ${what} (got ${JSON.stringify(value)})`);
    }
    return value;
}

function cidrValue(read: ConfigReader, key: keyof PlatformConfig): string {
    const value = raw(read, key) ?? (configDefaults[key] as string);
    const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
    const valid =
        match !== null && match.slice(1, 5).every(octet => Number(octet) <= 255) && Number(match[5]) >= 16 && Number(match[5]) <= 20;
    if (!valid) {
        throw new ConfigError(`${key} must be an IPv4 CIDR block from /16 to /20 (got ${JSON.stringify(value)})`);
    }
    return value;
}

function integerValue(read: ConfigReader, key: keyof PlatformConfig, min: number, max: number): number {
    const text = raw(read, key);
    if (text === undefined) {
        return configDefaults[key] as number;
    }
    const value = Number(text);
    if (!Number.isInteger(value) || value < min || value > max) {
        throw new ConfigError(`${key} must be an integer from ${min} to ${max} (got ${JSON.stringify(text)})`);
    }
    return value;
}

function booleanValue(read: ConfigReader, key: keyof PlatformConfig): boolean {
    const text = raw(read, key);
    if (text === undefined) {
        return configDefaults[key] as boolean;
    }
    if (text !== "true" && text !== "false") {
        throw new ConfigError(`${key} must be true or false (got ${JSON.stringify(text)})`);
    }
    return text === "true";
}

function enumValue<T extends string>(read: ConfigReader, key: keyof PlatformConfig, allowed: readonly T[]): T {
    const value = raw(read, key) ?? (configDefaults[key] as string);
    if (!(allowed as readonly string[]).includes(value)) {
        throw new ConfigError(`${key} must be one of ${allowed.join(", ")} (got ${JSON.stringify(value)})`);
    }
    return value as T;
}

function emailListValue(read: ConfigReader, key: keyof PlatformConfig): string[] {
    const text = raw(read, key);
    if (text === undefined) {
        return [];
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        throw new ConfigError(`${key} must be a list of e-mail addresses (got ${JSON.stringify(text)})`);
    }
    if (!Array.isArray(parsed) || !parsed.every(item => typeof item === "string" && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(item))) {
        throw new ConfigError(`${key} must be a list of e-mail addresses (got ${text})`);
    }
    return parsed as string[];
}
