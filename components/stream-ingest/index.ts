// StreamIngest: e-commerce events through a keyed API into Kinesis, upserted into DynamoDB invoice
// and customer tables, archived raw to S3 by Firehose, and readable through the same API.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { archivePrefix, StreamMode, streamIngestDefaults } from "../defaults/stream-ingest-defaults";
import type { PlatformContext } from "../platform-context";
import { createRestApi } from "../rest-api";
import { ingestRoutes } from "./api";
import { createArchive } from "./archive";
import { createFunctions, IngestFunctions } from "./functions";
import { createStream } from "./stream";
import { createTables, IngestTables } from "./tables";

export interface StreamIngestArgs {
    platform: PlatformContext;
    /** Default ON_DEMAND. */
    streamMode?: StreamMode;
    /** Shards in PROVISIONED mode. Default 1. */
    shardCount?: number;
    /** Hours the stream keeps records (24-8760). Default 24. */
    retentionHours?: number;
    /** Records per consumer invocation. Default 100. */
    consumerBatchSize?: number;
    /** Per key: requests per second (also the stage throttle), burst, requests per day. Defaults 50, 100, 1,000,000. */
    api?: { rateLimit?: number; burstLimit?: number; quotaPerDay?: number };
    /** Largest request body the producer takes. Default 4 MiB. */
    maxBodyBytes?: number;
    /** Firehose buffering before an archive object is written. Defaults 128 MB and 900 s (the maximums). */
    archive?: { bufferSizeMb?: number; bufferIntervalSeconds?: number };
    /** Account-level prerequisites (API Gateway's CloudWatch role) when this stack manages them. */
    accountPrerequisites?: pulumi.Resource[];
    tags?: Record<string, string>;
}

export class StreamIngest extends pulumi.ComponentResource {
    public readonly stream: aws.kinesis.Stream;
    public readonly tables: IngestTables;
    public readonly functions: IngestFunctions;
    public readonly archiveBucket: aws.s3.Bucket;
    /** Where raw events land (`raw/events/year=/month=/day=/hour=`): the warehouse loads from here. */
    public readonly archivePrefix: string = archivePrefix;
    public readonly deliveryStream: aws.kinesis.FirehoseDeliveryStream;
    public readonly api: aws.apigateway.RestApi;
    public readonly apiUrl: pulumi.Output<string>;
    /** The default client's API key (a secret output). */
    public readonly apiKeyValue: pulumi.Output<string>;

    constructor(name: string, args: StreamIngestArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:ingest:StreamIngest", name, {}, opts);
        const { platform } = args;
        const tags = args.tags ?? {};
        const defaults = streamIngestDefaults;

        this.stream = createStream(
            name,
            platform,
            {
                mode: args.streamMode ?? defaults.streamMode,
                shardCount: args.shardCount ?? defaults.shardCount,
                retentionHours: args.retentionHours ?? defaults.retentionHours,
            },
            tags,
            this,
        );
        this.tables = createTables(name, platform, tags, this);
        this.functions = createFunctions(
            name,
            {
                platform,
                stream: this.stream,
                tables: this.tables,
                maxEventsPerRequest: defaults.maxEventsPerRequest,
                maxBodyBytes: args.maxBodyBytes ?? defaults.maxBodyBytes,
                consumerBatchSize: args.consumerBatchSize ?? defaults.consumerBatchSize,
                tags,
            },
            this,
        );
        const archive = createArchive(
            name,
            platform,
            this.stream,
            {
                bufferSizeMb: args.archive?.bufferSizeMb ?? defaults.archive.sizeMb,
                bufferIntervalSeconds: args.archive?.bufferIntervalSeconds ?? defaults.archive.intervalSeconds,
            },
            tags,
            this,
        );
        this.archiveBucket = archive.bucket.bucket;
        this.deliveryStream = archive.deliveryStream;

        // The API fronts the producer and the two readers.
        const api = createRestApi(
            name,
            {
                platform,
                description: `${name}: e-commerce events in, customers and invoices out`,
                routes: ingestRoutes(name, this.functions, defaults.maxEventsPerRequest),
                limits: {
                    rateLimit: args.api?.rateLimit ?? defaults.api.rateLimit,
                    burstLimit: args.api?.burstLimit ?? defaults.api.burstLimit,
                    quotaPerDay: args.api?.quotaPerDay ?? defaults.api.quotaPerDay,
                },
                prerequisites: args.accountPrerequisites ?? [],
                tags,
            },
            this,
        );
        ({ api: this.api, url: this.apiUrl, apiKeyValue: this.apiKeyValue } = api);

        this.registerOutputs({
            streamName: this.stream.name,
            invoiceTableName: this.tables.invoices.name,
            customerTableName: this.tables.customers.name,
            archiveBucketName: this.archiveBucket.bucket,
            archivePrefix: this.archivePrefix,
            apiUrl: this.apiUrl,
            apiKeyValue: this.apiKeyValue,
        });
    }
}
