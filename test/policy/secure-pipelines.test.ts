// The properties a streaming or warehouse pipeline sets to pass the whole pack: a Kinesis stream,
// Firehose into Redshift Serverless, Glue job and crawler, and a Step Functions state machine, built
// as docs/policies.md asks, meet no violation of any rule; each omission is reported by name.
import { expect } from "chai";
import { rules } from "../../policy/policies";
import { EvaluatedResource } from "../../scripts/plan/evaluate";
import { judge, resource, unknownAtPreview, verdicts } from "../support/policy";

const key = unknownAtPreview;
const isolated = (name: string) =>
    resource("aws:ec2/subnet:Subnet", name, { mapPublicIpOnLaunch: false, tags: { "dataplatform:tier": "isolated" } });

function securePipeline(): EvaluatedResource[] {
    const subnets = [isolated("iso-a"), isolated("iso-b"), isolated("iso-c")];
    const stream = resource("aws:kinesis/stream:Stream", "events", {
        encryptionType: "KMS",
        kmsKeyId: key,
        retentionPeriod: 168,
        streamModeDetails: { streamMode: "ON_DEMAND" },
    });
    const namespace = resource("aws:redshiftserverless/namespace:Namespace", "warehouse", {
        namespaceName: "warehouse",
        kmsKeyId: key,
        adminUsername: "warehouse_admin",
        manageAdminPassword: true,
        dbName: "analytics",
        logExports: ["userlog", "connectionlog", "useractivitylog"],
    });
    const workgroup = resource(
        "aws:redshiftserverless/workgroup:Workgroup",
        "warehouse",
        {
            namespaceName: unknownAtPreview,
            workgroupName: "warehouse",
            publiclyAccessible: false,
            enhancedVpcRouting: true,
            subnetIds: [unknownAtPreview, unknownAtPreview, unknownAtPreview],
            securityGroupIds: [unknownAtPreview],
            configParameters: [{ parameterKey: "require_ssl", parameterValue: "true" }],
        },
        { propertyDependencies: { subnetIds: subnets } },
    );
    const firehose = resource(
        "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        "events-to-redshift",
        {
            destination: "redshift",
            kinesisSourceConfiguration: { kinesisStreamArn: unknownAtPreview, roleArn: unknownAtPreview },
            redshiftConfiguration: {
                clusterJdbcurl: unknownAtPreview,
                dataTableName: "events",
                roleArn: unknownAtPreview,
                secretsManagerConfiguration: { enabled: true, secretArn: unknownAtPreview },
                s3Configuration: { bucketArn: unknownAtPreview, roleArn: unknownAtPreview, kmsKeyArn: key },
            },
        },
        { propertyDependencies: { kinesisSourceConfiguration: [stream] } },
    );
    const encryption = {
        cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: key },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: key },
        s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: key },
    };
    const security = resource("aws:glue/securityConfiguration:SecurityConfiguration", "glue", {
        name: "warehouse-glue",
        encryptionConfiguration: encryption,
    });
    const job = resource(
        "aws:glue/job:Job",
        "load",
        {
            glueVersion: "5.0",
            command: { name: "glueetl", scriptLocation: unknownAtPreview },
            roleArn: unknownAtPreview,
            securityConfiguration: unknownAtPreview,
        },
        { propertyDependencies: { securityConfiguration: [security] } },
    );
    const crawler = resource("aws:glue/crawler:Crawler", "raw", {
        databaseName: unknownAtPreview,
        role: unknownAtPreview,
        securityConfiguration: "warehouse-glue",
    });
    const database = resource("aws:glue/catalogDatabase:CatalogDatabase", "warehouse", { name: "warehouse" });
    const catalog = resource("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings", "catalog", {
        dataCatalogEncryptionSettings: {
            encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: key },
            connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: key },
        },
    });
    const machine = resource("aws:sfn/stateMachine:StateMachine", "orchestration", {
        definition: unknownAtPreview,
        roleArn: unknownAtPreview,
        loggingConfiguration: { level: "ALL", includeExecutionData: true, logDestination: unknownAtPreview },
        tracingConfiguration: { enabled: true },
        encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: key, kmsDataKeyReusePeriodSeconds: 300 },
    });
    return [...subnets, stream, namespace, workgroup, firehose, security, job, crawler, database, catalog, machine];
}

describe("policy pack: pipelines built securely", () => {
    it("meets no violation of any rule, at any level", async () => {
        expect(verdicts(await judge(rules, ...securePipeline()))).to.deep.equal([]);
    });

    it("reports each insecure default by resource: stream unencrypted, workgroup public, job without a security configuration", async () => {
        const insecure = securePipeline().map(r =>
            r.name === "events" && r.type.startsWith("aws:kinesis/stream")
                ? { ...r, props: { retentionPeriod: 168 } }
                : r.type.startsWith("aws:redshiftserverless/workgroup")
                  ? { ...r, props: { ...r.props, publiclyAccessible: true, enhancedVpcRouting: false } }
                  : r.type === "aws:glue/job:Job"
                    ? { ...r, props: { ...r.props, securityConfiguration: undefined }, propertyDependencies: {} }
                    : r,
        );
        expect(verdicts(await judge(rules, ...insecure)).sort()).to.deep.equal([
            "glue-security-configuration mandatory load",
            "kinesis-stream-encrypted mandatory events",
            "redshift-enhanced-vpc-routing mandatory warehouse",
            "redshift-not-public mandatory warehouse",
        ]);
    });
});
