// The Glue half of BatchWarehouse: catalog database, security configuration (stack key for S3,
// CloudWatch and bookmarks), a network connection into the private tier, the raw-zone crawler and
// the PySpark job whose script and modules are uploaded from glue/ in the repository.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as path from "node:path";
import { glueEncryption } from "../defaults/batch-warehouse-defaults";
import { keyUseStatement, PolicyStatement } from "../iam";
import { PlatformContext } from "../platform-context";
import { serviceRole } from "../service-role";
import { jobName, sourceGlue } from "./glue-source";
import type { GlueSource, SourceGlue } from "./glue-source";

export type { GlueSource, SourceGlue } from "./glue-source";

const glueDir = path.join(__dirname, "..", "..", "glue");
/** The job's entry point and the modules it imports (shipped with --extra-py-files). */
export const glueScriptFiles = { entry: "batch_warehouse_job.py", modules: ["warehouse_transform.py", "source_spec.py"] };

/** The Glue job's workers and time limit. */
export interface GlueJobSizing {
    workerType: string;
    numberOfWorkers: number;
    jobTimeoutMinutes: number;
}

export interface GluePipelineArgs extends GlueJobSizing {
    platform: PlatformContext;
    sources: GlueSource[];
    /** The catalog database is `<stack>_<databaseName>` (the first source's name: it predates several). */
    databaseName: string;
    zonesBucket: aws.s3.Bucket;
    tags: Record<string, string>;
}

export interface GluePipeline {
    database: aws.glue.CatalogDatabase;
    /** Per source, by source name. */
    bySource: Record<string, SourceGlue>;
    securityConfiguration: aws.glue.SecurityConfiguration;
    connection: aws.glue.Connection;
    role: aws.iam.Role;
}

export function gluePipeline(name: string, args: GluePipelineArgs, parent: pulumi.Resource): GluePipeline {
    const { platform, zonesBucket, tags } = args;
    const child = { parent };
    const keyArn = platform.encryptionKey.arn;
    const stackName = pulumi.getStack().replace(/[^a-z0-9_]/g, "_");
    // The catalog's encryption is an account-and-region setting: the stack that owns the warehouse
    // owns it too (docs/batch-warehouse.md), so its metadata and connection passwords use the stack key.
    const catalogEncryption = new aws.glue.DataCatalogEncryptionSettings(
        `${name}-catalog-encryption`,
        {
            dataCatalogEncryptionSettings: {
                encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: keyArn },
                connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: keyArn },
            },
        },
        child,
    );
    const database = new aws.glue.CatalogDatabase(
        `${name}-catalog`,
        { name: `${stackName}_${args.databaseName}`, tags },
        { ...child, dependsOn: [catalogEncryption] },
    );
    const securityConfiguration = new aws.glue.SecurityConfiguration(
        `${name}-glue`,
        { name: `${name}-${pulumi.getStack()}`, encryptionConfiguration: glueEncryption(keyArn) },
        child,
    );

    const s3PrefixList = aws.ec2.getPrefixListOutput({ name: `com.amazonaws.${platform.region}.s3` }, { parent });
    // Glue workers talk to each other: their group admits itself on every port, and nothing else.
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-glue`,
        {
            vpcId: platform.network.vpcId,
            description: `${name}: Glue job workers (self-referencing, as Glue requires)`,
            ingress: [{ protocol: "tcp", fromPort: 0, toPort: 65535, self: true, description: "Glue workers among themselves" }],
            egress: [
                { protocol: "tcp", fromPort: 0, toPort: 65535, self: true, description: "Glue workers among themselves" },
                {
                    protocol: "tcp",
                    fromPort: 443,
                    toPort: 443,
                    cidrBlocks: [platform.network.cidrBlock],
                    description: "Interface endpoints",
                },
                { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: [s3PrefixList.id], description: "S3 gateway endpoint" },
            ],
            tags,
        },
        child,
    );
    platform.network.requireInterfaceEndpoints("glue", "logs", "kms", "monitoring", "sts");
    const firstPrivateSubnet = platform.network.privateSubnetIds.apply(ids => ids[0]);
    const subnet = aws.ec2.getSubnetOutput({ id: firstPrivateSubnet }, { parent });
    const connection = new aws.glue.Connection(
        `${name}-network`,
        {
            name: `${name}-${pulumi.getStack()}-network`,
            connectionType: "NETWORK",
            physicalConnectionRequirements: {
                subnetId: firstPrivateSubnet,
                availabilityZone: subnet.availabilityZone,
                securityGroupIdLists: [securityGroup.id],
            },
            tags,
        },
        child,
    );

    const uploads = [glueScriptFiles.entry, ...glueScriptFiles.modules].map(
        file =>
            new aws.s3.BucketObjectv2(
                `${name}-${file.replace(/[^a-z0-9]+/g, "-")}`,
                {
                    bucket: zonesBucket.id,
                    key: `artifacts/glue/${file}`,
                    source: new pulumi.asset.FileAsset(path.join(glueDir, file)),
                    serverSideEncryption: "aws:kms",
                    kmsKeyId: keyArn,
                    tags,
                },
                child,
            ),
    );
    const objectUri = (object: aws.s3.BucketObjectv2) => pulumi.interpolate`s3://${object.bucket}/${object.key}`;

    const zones = zonesBucket.arn;
    const account = platform.accountId;
    const region = platform.region;
    const catalogArn = pulumi.interpolate`arn:aws:glue:${region}:${account}:catalog`;
    const statements: PolicyStatement[] = [
        ...args.sources.flatMap((source, index): PolicyStatement[] => [
            {
                sid: `ReadRaw${index === 0 ? "" : index}`,
                actions: ["s3:GetObject"],
                resources: [pulumi.interpolate`${source.rawBucketArn}/${source.rawPrefix}*`],
            },
            {
                sid: `ListRaw${index === 0 ? "" : index}`,
                actions: ["s3:ListBucket"],
                resources: [source.rawBucketArn],
                condition: { StringLike: { "s3:prefix": [`${source.rawPrefix}*`] } },
            },
        ]),
        { sid: "ReadScripts", actions: ["s3:GetObject"], resources: [pulumi.interpolate`${zones}/artifacts/glue/*`] },
        {
            sid: "WriteProcessedAndRejected",
            actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"],
            resources: [
                pulumi.interpolate`${zones}/processed/*`,
                pulumi.interpolate`${zones}/rejected/*`,
                pulumi.interpolate`${zones}/tmp/glue/*`,
            ],
        },
        {
            sid: "ListZones",
            actions: ["s3:ListBucket"],
            resources: [zones],
            condition: { StringLike: { "s3:prefix": ["processed/*", "rejected/*", "tmp/glue/*"] } },
        },
        {
            sid: "Catalog",
            actions: [
                "glue:GetDatabase",
                "glue:GetTable",
                "glue:GetTables",
                "glue:CreateTable",
                "glue:UpdateTable",
                "glue:GetPartitions",
                "glue:BatchCreatePartition",
                "glue:BatchGetPartition",
            ],
            resources: [
                catalogArn,
                pulumi.interpolate`arn:aws:glue:${region}:${account}:database/${database.name}`,
                pulumi.interpolate`arn:aws:glue:${region}:${account}:table/${database.name}/*`,
            ],
        },
        {
            sid: "Connection",
            actions: ["glue:GetConnection"],
            resources: [catalogArn, pulumi.interpolate`arn:aws:glue:${region}:${account}:connection/${connection.name}`],
        },
        {
            sid: "Bookmarks",
            actions: ["glue:GetJobBookmark"],
            resources: args.sources.map(source => pulumi.interpolate`arn:aws:glue:${region}:${account}:job/${jobName(source)}`),
        },
        {
            sid: "Logs",
            actions: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"],
            resources: [pulumi.interpolate`arn:aws:logs:${region}:${account}:log-group:/aws-glue/*`],
        },
        {
            sid: "Metrics",
            actions: ["cloudwatch:PutMetricData"],
            resources: ["*"],
            condition: { StringEquals: { "cloudwatch:namespace": "Glue" } },
        },
        {
            sid: "DescribeNetwork",
            actions: [
                "ec2:DescribeVpcEndpoints",
                "ec2:DescribeRouteTables",
                "ec2:DescribeNetworkInterfaces",
                "ec2:DescribeSecurityGroups",
                "ec2:DescribeSubnets",
                "ec2:DescribeVpcAttribute",
            ],
            resources: ["*"],
        },
        {
            sid: "WorkerNetworkInterfaces",
            actions: ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:CreateTags", "ec2:DeleteTags"],
            resources: [
                pulumi.interpolate`arn:aws:ec2:${region}:${account}:network-interface/*`,
                pulumi.interpolate`arn:aws:ec2:${region}:${account}:subnet/*`,
                pulumi.interpolate`arn:aws:ec2:${region}:${account}:security-group/${securityGroup.id}`,
            ],
        },
        keyUseStatement(keyArn),
    ];
    const { role } = serviceRole(`${name}-glue`, { service: "glue.amazonaws.com", accountId: account, statements, tags }, child);

    const [entry, ...modules] = uploads;
    const shared = {
        role,
        database,
        connection,
        securityConfiguration,
        scriptLocation: objectUri(entry),
        extraPyFiles: pulumi.all(modules.map(objectUri)).apply(uris => uris.join(",")),
        uploads,
    };
    const bySource = Object.fromEntries(
        args.sources.map(source => [
            source.config.name,
            sourceGlue(source, { ...args, first: args.sources[0] === source }, shared, parent),
        ]),
    );
    return { database, bySource, securityConfiguration, connection, role };
}
