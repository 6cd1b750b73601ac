// The platform's own keys: region, network, logs, protection, alarms, tags, account settings.
import { booleanValue, cidrValue, ConfigError, ConfigReader, emailListValue, enumValue, integerValue, stringValue } from "./values";

export const natStrategies = ["None", "Single", "OnePerAz"] as const;
export type NatStrategy = (typeof natStrategies)[number];

export interface PlatformSettings {
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
}

export const platformDefaults: PlatformSettings = {
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
};

// CloudWatch Logs accepts only these retention values.
const logRetentionValues = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];
const tagValue = /^[\w.:/=+@ -]{1,256}$/;

export function parsePlatformSettings(read: ConfigReader): PlatformSettings {
    const d = platformDefaults;
    const settings: PlatformSettings = {
        region: stringValue(read, "region", d.region, /^[a-z]{2}(-[a-z]+)+-\d$/, "an AWS region such as eu-west-1"),
        vpcCidr: cidrValue(read, "vpcCidr", d.vpcCidr),
        azCount: integerValue(read, "azCount", d.azCount, 1, 6),
        natStrategy: enumValue(read, "natStrategy", d.natStrategy, natStrategies),
        endpointAzCount: integerValue(read, "endpointAzCount", d.endpointAzCount, 1, 6),
        logRetentionInDays: integerValue(read, "logRetentionInDays", d.logRetentionInDays, 1, 3653),
        deletionProtection: booleanValue(read, "deletionProtection", d.deletionProtection),
        alarmEmails: emailListValue(read, "alarmEmails", d.alarmEmails),
        costCenter: stringValue(read, "costCenter", d.costCenter, tagValue, "a tag value"),
        dataClassification: stringValue(read, "dataClassification", d.dataClassification, tagValue, "a tag value"),
        manageAccountSettings: booleanValue(read, "manageAccountSettings", d.manageAccountSettings),
    };
    if (!logRetentionValues.includes(settings.logRetentionInDays)) {
        throw new ConfigError(`logRetentionInDays must be one of ${logRetentionValues.join(", ")} (got ${settings.logRetentionInDays})`);
    }
    if (settings.endpointAzCount > settings.azCount) {
        throw new ConfigError(`endpointAzCount (${settings.endpointAzCount}) cannot exceed azCount (${settings.azCount})`);
    }
    return settings;
}
