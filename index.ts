// The data platform: one stack per environment, composed from reusable components.
// This file is the only place that reads stack configuration.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountSettings } from "./components/account-settings";
import { BatchWarehouse } from "./components/batch-warehouse";
import { buildIngestion } from "./components/sources";
import { CsvToPostgres } from "./components/csv-to-postgres";
import { buildPlatform } from "./components/platform";
import { SearchAndCache } from "./components/search-and-cache";
import { batchWarehouseArgs } from "./config/batch-warehouse";
import { StreamIngest } from "./components/stream-ingest";
import { csvToPostgresArgs } from "./config/csv-to-postgres";
import { parsePlatformConfig, PlatformConfig } from "./config/platform-config";
import { loadSources, sourcesDirectory } from "./config/sources";
import { searchAndCacheArgs } from "./config/search-and-cache";
import { streamIngestArgs } from "./config/stream-ingest";

const projectConfig = new pulumi.Config();
const config: PlatformConfig = parsePlatformConfig(key => projectConfig.get(key));
const stack = pulumi.getStack();
// The warehouse's sources: one file each under sources/ (DATAPLATFORM_SOURCES_DIR moves it).
const sources = loadSources(sourcesDirectory(process.env, __dirname));

// Tags reach every taggable resource through the provider, not through transforms.
const provider = new aws.Provider("aws", {
    region: config.region as aws.Region,
    defaultTags: {
        tags: {
            project: pulumi.getProject(),
            stack,
            "managed-by": "pulumi",
            "cost-center": config.costCenter,
            "data-classification": config.dataClassification,
        },
    },
});
const withProvider = { providers: [provider] };
const accountId = aws.getCallerIdentityOutput({}, { provider }).accountId;

const {
    core,
    network,
    context: platform,
} = buildPlatform(
    { core: "platform", network: "network" },
    {
        accountId,
        region: config.region,
        logRetentionInDays: config.logRetentionInDays,
        deletionProtection: config.deletionProtection,
        core: { alarmEmails: config.alarmEmails },
        network: {
            cidrBlock: config.vpcCidr,
            availabilityZoneCount: config.azCount,
            natStrategy: config.natStrategy,
            interfaceEndpointAzCount: config.endpointAzCount,
        },
    },
    withProvider,
);

// Once per account and region: only the stack that owns these settings creates them.
const accountSettings = config.manageAccountSettings
    ? new AccountSettings("account", { accountId, region: config.region }, withProvider)
    : undefined;

// The pipelines: each one's Args come shaped from its config module.
const searchAndCache = new SearchAndCache(
    "shop",
    { platform, ...searchAndCacheArgs(config, stack), accountPrerequisites: accountSettings?.prerequisites },
    withProvider,
);

const csvToPostgres = new CsvToPostgres("csv", { platform, ...csvToPostgresArgs(config) }, withProvider);

const streamIngest = new StreamIngest(
    "events",
    { platform, ...streamIngestArgs(config), accountPrerequisites: accountSettings?.prerequisites },
    withProvider,
);

// The warehouse loads every declared source: StreamIngest's raw archive (online_retail) among them.
const warehouse = new BatchWarehouse(
    "warehouse",
    {
        platform,
        ...batchWarehouseArgs(config, sources),
        // Each source's ingestion by its type; StreamIngest's stream is archived by its own Firehose.
        ingestion: {
            build: buildIngestion,
            streams: {
                "stream-ingest": {
                    stream: streamIngest.stream,
                    archive: { bucket: streamIngest.archiveBucket, prefix: streamIngest.archivePrefix },
                },
            },
            internetEgress: config.natStrategy !== "None",
        },
    },
    withProvider,
);

export const vpcId = network.vpcId;
export const privateSubnetIds = network.privateSubnetIds;
export const isolatedSubnetIds = network.isolatedSubnetIds;
export const encryptionKeyArn = core.encryptionKey.arn;
export const alarmTopicArn = core.alarmTopic.arn;
export const flowLogGroupName = network.flowLogGroup.name;
export const searchApiUrl = searchAndCache.apiUrl;
export const searchApiKey = searchAndCache.apiKeyValue; // secret
export const searchDomainEndpoint = searchAndCache.domain.endpoint;
export const cacheEndpoint = searchAndCache.replicationGroup.primaryEndpointAddress;
export const catalogTableName = searchAndCache.table.name;
export const generatorScheduleRule = searchAndCache.scheduleRule.name;
export const csvBucketName = csvToPostgres.bucketName;
export const csvDatabaseEndpoint = csvToPostgres.databaseEndpoint;
export const csvDatabaseSecretArn = csvToPostgres.databaseSecretArn;
export const warehouseZonesBucket = warehouse.zonesBucket.bucket;
export const warehouseStateMachineArn = warehouse.stateMachine.arn;
export const warehouseWorkgroup = warehouse.workgroup.workgroupName;
export const warehouseRunTopicArn = warehouse.runTopic.arn;
export const eventsApiUrl = streamIngest.apiUrl;
export const eventsApiKey = streamIngest.apiKeyValue; // secret
export const eventStreamName = streamIngest.stream.name;
export const invoiceTableName = streamIngest.tables.invoices.name;
export const customerTableName = streamIngest.tables.customers.name;
/** The raw archive BatchWarehouse loads: bucket and key prefix (year=/month=/day=/hour= below it). */
export const rawArchiveBucketName = streamIngest.archiveBucket.bucket;
export const rawArchivePrefix = streamIngest.archivePrefix;
