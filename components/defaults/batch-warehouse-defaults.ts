// Secure and cost-aware defaults of BatchWarehouse, shared by the component, its tests and docs.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export const batchWarehouseDefaults = {
    /** Glue 5.0: Spark 3.5, Python 3.11, Java 17 (the pyspark the tests pin). */
    glueVersion: "5.0",
    workerType: "G.1X",
    numberOfWorkers: 2,
    jobTimeoutMinutes: 60,
    /** Redshift Serverless minimum; AWS's default is 128 RPU. */
    baseCapacityRpu: 8,
    usageLimitRpuHours: 24,
    usageLimitPeriod: "daily",
    usageLimitBreachAction: "deactivate",
    /** Daily at 02:00 UTC. */
    schedule: "cron(0 2 * * ? *)",
    zoneRetentionDays: { raw: 90, processed: 365, curated: 0, rejected: 90 },
    /** Where the raw zone's own events land when no StreamIngest archive is given (Firehose's layout). */
    rawPrefix: "raw/events/",
    databaseName: "warehouse",
    adminUsername: "warehouse_admin",
    crawlerPoll: { intervalSeconds: 30, maxChecks: 60 },
    loadPoll: { intervalSeconds: 15, maxChecks: 240 },
    runnerPackages: ["@aws-sdk/client-redshift-data", "@aws-sdk/client-s3"],
} as const;

/** Glue encrypts what it writes to S3, its CloudWatch logs and its job bookmarks with the stack key. */
export function glueEncryption(keyArn: pulumi.Input<string>): aws.types.input.glue.SecurityConfigurationEncryptionConfiguration {
    return {
        s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: keyArn },
        cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: keyArn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: keyArn },
    };
}

/** Schema changes are logged, never applied by deleting tables or columns. */
export const crawlerSchemaChangePolicy = { deleteBehavior: "LOG", updateBehavior: "LOG" } as const;

/** Workgroup parameters: TLS required for every connection. */
export const workgroupConfigParameters = [{ parameterKey: "require_ssl", parameterValue: "true" }];

/** Redshift Serverless logs exported to CloudWatch. */
export const namespaceLogExports = ["userlog", "connectionlog", "useractivitylog"];
