// The consumer's tables: invoice lines, customer aggregates and the ledger of what the aggregates
// already count. On demand, point-in-time recovery, the platform key, deletion protection from
// config, and a throttling alarm each.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { customerTableKeys, invoiceTableKeys, ledgerTableKeys, TableNames } from "../../functions/stream-ingest/tables";
import { topicAlarm } from "../alarms";
import { dynamoTableSettings } from "../defaults/dynamodb-defaults";
import type { PlatformContext } from "../platform-context";

export type IngestTables = Record<keyof TableNames, aws.dynamodb.Table>;

const keySchemas: Record<keyof TableNames, { hashKey: string; rangeKey?: string }> = {
    invoices: { hashKey: invoiceTableKeys.partition, rangeKey: invoiceTableKeys.sort },
    customers: { hashKey: customerTableKeys.partition },
    ledger: { hashKey: ledgerTableKeys.partition },
};

const tableSuffix: Record<keyof TableNames, string> = { invoices: "invoice", customers: "customer", ledger: "ledger" };

export function createTables(name: string, platform: PlatformContext, tags: Record<string, string>, parent: pulumi.Resource): IngestTables {
    const create = (role: keyof TableNames) => {
        const { hashKey, rangeKey } = keySchemas[role];
        const table = new aws.dynamodb.Table(
            `${name}-${tableSuffix[role]}`,
            {
                ...dynamoTableSettings(platform.encryptionKey.arn, platform.deletionProtection),
                hashKey,
                rangeKey,
                attributes: [hashKey, ...(rangeKey ? [rangeKey] : [])].map(attribute => ({ name: attribute, type: "S" })),
                tags,
            },
            { parent, protect: platform.deletionProtection },
        );
        topicAlarm(
            `${name}-${tableSuffix[role]}-throttled`,
            {
                description: `${name}: requests to the ${tableSuffix[role]} table were throttled`,
                namespace: "AWS/DynamoDB",
                metricName: "ThrottledRequests",
                dimensions: { TableName: table.name },
                statistic: "Sum",
                threshold: 1,
                comparison: "GreaterThanOrEqualToThreshold",
            },
            platform.alarmTopicArn,
            { parent },
        );
        return table;
    };
    return { invoices: create("invoices"), customers: create("customers"), ledger: create("ledger") };
}
