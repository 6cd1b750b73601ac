// CsvToPostgres: a CSV dropped under `data/` in the bucket is upserted into the table named after
// it, in RDS PostgreSQL. The bucket notifies an inline Lambda in the private tier; the Lambda is the
// only client the database (isolated tier) admits; rows it rejects land under `rejected/`.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { S3Event } from "aws-lambda";
import { csvToPostgresDefaults } from "../defaults/csv-to-postgres-defaults";
import { InlineLambda } from "../inline-lambda";
import { PlatformContext } from "../platform-context";
import { PostgresDatabase } from "../postgres-database";
import { SecureBucket } from "../secure-bucket";
import { loaderEnvironment } from "../../functions/csv-to-postgres/environment";
import { csvToPostgresHandler, loaderPackages } from "../../functions/csv-to-postgres/lambda";
import { environmentVariables } from "../lambda-environment";
import type { FileOutcome } from "../../functions/csv-to-postgres/handler";

export interface CsvToPostgresArgs {
    platform: PlatformContext;
    /** Database instance class. Default `db.t4g.micro`. */
    instanceClass?: string;
    /** PostgreSQL major (or full) version, 16 or 17. Default `17`. */
    engineVersion?: string;
    /** Default 20 GB. */
    allocatedStorageGb?: number;
    /** Storage autoscaling ceiling. Default 100 GB. */
    maxAllocatedStorageGb?: number;
    /** Default false. */
    multiAz?: boolean;
    /** Days of automated backups. Default 7. */
    backupRetentionDays?: number;
    /** Columns to upsert on, the first one a file's header has wins. Default `["id", "email"]`. */
    keyColumns?: string[];
    /** Prefix whose `.csv` objects are loaded. Default `data/`. */
    prefix?: string;
    /** Files larger than this are rejected unread. Default 1 GiB. */
    maxFileBytes?: number;
    /** Days reject files are kept. Default 30. */
    rejectedRetentionDays?: number;
    /** Loads running at once, i.e. database connections the function may hold. Default 5. */
    maxConcurrentLoads?: number;
    /** Lambda memory (CPU scales with it). Default 1024 MB. */
    memorySizeMb?: number;
    /** Lambda timeout. Default 900 s (Lambda's maximum), enough for a 1 GiB file. */
    timeoutSeconds?: number;
    tags?: Record<string, string>;
}

export class CsvToPostgres extends pulumi.ComponentResource {
    public readonly bucket: aws.s3.Bucket;
    public readonly database: PostgresDatabase;
    public readonly loader: InlineLambda<S3Event, FileOutcome[]>;
    public readonly bucketName: pulumi.Output<string>;
    public readonly databaseEndpoint: pulumi.Output<string>;
    public readonly databaseSecretArn: pulumi.Output<string>;

    constructor(name: string, args: CsvToPostgresArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:pipeline:CsvToPostgres", name, {}, opts);
        const { platform } = args;
        const defaults = csvToPostgresDefaults;
        const tags = args.tags ?? {};
        const prefix = args.prefix ?? defaults.prefix;
        const keyColumns = args.keyColumns ?? [...defaults.keyColumns];
        if (!/^[A-Za-z0-9!_.*'()-]+\/$/.test(prefix) || keyColumns.length === 0) {
            throw new Error(`CsvToPostgres ${name}: prefix must be one folder ending in "/" and keyColumns must not be empty`);
        }

        const storage = new SecureBucket(
            `${name}-bucket`,
            {
                encryptionKey: platform.encryptionKey,
                expiringPrefixes: [{ prefix: defaults.rejectedPrefix, days: args.rejectedRetentionDays ?? defaults.rejectedRetentionDays }],
                tags,
            },
            { parent: this },
        );
        this.bucket = storage.bucket;

        const loaderSecurityGroup = platform.network.clientSecurityGroup(`${name}-loader`, `${name}: the CSV loader Lambda`);
        this.database = new PostgresDatabase(
            `${name}-db`,
            {
                platform,
                clients: [loaderSecurityGroup],
                engineVersion: args.engineVersion,
                instanceClass: args.instanceClass,
                allocatedStorageGb: args.allocatedStorageGb,
                maxAllocatedStorageGb: args.maxAllocatedStorageGb,
                multiAz: args.multiAz,
                backupRetentionDays: args.backupRetentionDays,
                tags,
            },
            { parent: this },
        );
        platform.network.requireInterfaceEndpoints("secretsmanager");

        const instance = this.database.instance;
        const bucketArn = this.bucket.arn;
        this.loader = new InlineLambda<S3Event, FileOutcome[]>(
            `${name}-loader`,
            {
                platform,
                description: `Upserts CSV files dropped under ${prefix} into PostgreSQL tables named after them`,
                handlerFactory: csvToPostgresHandler({
                    prefix,
                    rejectedPrefix: defaults.rejectedPrefix,
                    maxFileBytes: args.maxFileBytes ?? defaults.maxFileBytes,
                    load: { ...defaults.load, keyColumns },
                }),
                packages: loaderPackages,
                permissions: [
                    {
                        sid: "ReadDroppedFiles",
                        actions: ["s3:GetObject", "s3:GetObjectVersion"],
                        resources: [pulumi.interpolate`${bucketArn}/${prefix}*`],
                    },
                    {
                        sid: "WriteRejects",
                        actions: ["s3:PutObject", "s3:AbortMultipartUpload"],
                        resources: [pulumi.interpolate`${bucketArn}/${defaults.rejectedPrefix}*`],
                    },
                    { sid: "ReadDatabaseSecret", actions: ["secretsmanager:GetSecretValue"], resources: [this.database.secretArn] },
                    {
                        sid: "UseKeyOfObjectsAndSecret",
                        actions: ["kms:Decrypt", "kms:GenerateDataKey"],
                        resources: [platform.encryptionKey.arn],
                    },
                ],
                securityGroup: loaderSecurityGroup,
                invocation: { kind: "async" },
                environment: environmentVariables(loaderEnvironment, {
                    host: instance.address,
                    port: instance.port,
                    database: instance.dbName,
                    secretArn: this.database.secretArn,
                }),
                reservedConcurrency: args.maxConcurrentLoads ?? defaults.maxConcurrentLoads,
                memorySizeMb: args.memorySizeMb ?? defaults.memorySizeMb,
                timeoutSeconds: args.timeoutSeconds ?? defaults.timeoutSeconds,
                tags,
            },
            { parent: this },
        );

        const permission = this.loader.allowInvocation("s3", "s3.amazonaws.com", bucketArn);
        new aws.s3.BucketNotification(
            `${name}-bucket`,
            {
                bucket: this.bucket.id,
                lambdaFunctions: [
                    {
                        lambdaFunctionArn: this.loader.function.arn,
                        events: ["s3:ObjectCreated:*"],
                        filterPrefix: prefix,
                        filterSuffix: ".csv",
                    },
                ],
            },
            { parent: this, dependsOn: [permission, ...storage.ready] },
        );

        this.bucketName = this.bucket.bucket;
        this.databaseEndpoint = instance.endpoint;
        this.databaseSecretArn = this.database.secretArn;
        this.registerOutputs({
            bucketName: this.bucketName,
            databaseEndpoint: this.databaseEndpoint,
            databaseSecretArn: this.databaseSecretArn,
        });
    }
}
