// Redshift Serverless for BatchWarehouse: a namespace on the stack key with its admin password
// managed in Secrets Manager, a COPY role that reads only the processed zone, and a workgroup in
// the isolated subnets (not public, enhanced VPC routing, TLS required) with a base capacity and a
// usage limit from config, so a dev stack cannot run up a bill.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { batchWarehouseDefaults, namespaceLogExports, workgroupConfigParameters } from "../defaults/batch-warehouse-defaults";
import { keyUseStatement, PolicyStatement } from "../iam";
import { PlatformContext } from "../platform-context";
import { serviceRole } from "../service-role";

/** The warehouse's size and spending cap. */
export interface WarehouseCapacity {
    /** Redshift Serverless base capacity in RPU (AWS's default is 128). */
    baseCapacityRpu: number;
    /** Usage limit in RPU-hours per period, and what happens when it is reached. */
    usageLimitRpuHours: number;
    usageLimitPeriod: "daily" | "weekly" | "monthly";
    usageLimitBreachAction: "log" | "emit-metric" | "deactivate";
}

export interface WarehouseArgs extends WarehouseCapacity {
    platform: PlatformContext;
    zonesBucket: aws.s3.Bucket;
    tags: Record<string, string>;
}

export interface Warehouse {
    namespace: aws.redshiftserverless.Namespace;
    workgroup: aws.redshiftserverless.Workgroup;
    usageLimit: aws.redshiftserverless.UsageLimit;
    copyRole: aws.iam.Role;
    databaseName: string;
}

export function warehouse(name: string, args: WarehouseArgs, parent: pulumi.Resource): Warehouse {
    const { platform, tags } = args;
    const child = { parent };
    const zones = args.zonesBucket.arn;
    const copyStatements: PolicyStatement[] = [
        { sid: "ReadProcessedZone", actions: ["s3:GetObject"], resources: [pulumi.interpolate`${zones}/processed/*`] },
        {
            sid: "ListProcessedZone",
            actions: ["s3:ListBucket"],
            resources: [zones],
            condition: { StringLike: { "s3:prefix": ["processed/*"] } },
        },
        keyUseStatement(platform.encryptionKey.arn),
    ];
    const { role: copyRole } = serviceRole(
        `${name}-copy`,
        { service: "redshift.amazonaws.com", accountId: platform.accountId, statements: copyStatements, tags },
        child,
    );

    const stack = pulumi.getStack();
    const databaseName = batchWarehouseDefaults.databaseName;
    const namespace = new aws.redshiftserverless.Namespace(
        `${name}-namespace`,
        {
            namespaceName: `${name}-${stack}`,
            dbName: databaseName,
            adminUsername: batchWarehouseDefaults.adminUsername,
            manageAdminPassword: true,
            adminPasswordSecretKmsKeyId: platform.encryptionKey.arn,
            kmsKeyId: platform.encryptionKey.arn,
            iamRoles: [copyRole.arn],
            defaultIamRoleArn: copyRole.arn,
            logExports: namespaceLogExports,
            tags,
        },
        { parent, protect: platform.deletionProtection },
    );

    // Nothing connects to the warehouse over the network: loads go through the Data API.
    const securityGroup = new aws.ec2.SecurityGroup(
        `${name}-warehouse`,
        {
            vpcId: platform.network.vpcId,
            description: `${name}: Redshift Serverless workgroup (no ingress)`,
            ingress: [],
            egress: [],
            tags,
        },
        child,
    );
    const workgroup = new aws.redshiftserverless.Workgroup(
        `${name}-workgroup`,
        {
            workgroupName: `${name}-${stack}`,
            namespaceName: namespace.namespaceName,
            baseCapacity: args.baseCapacityRpu,
            publiclyAccessible: false,
            enhancedVpcRouting: true,
            subnetIds: platform.network.isolatedSubnetIds,
            securityGroupIds: [securityGroup.id],
            configParameters: workgroupConfigParameters,
            tags,
        },
        child,
    );
    const usageLimit = new aws.redshiftserverless.UsageLimit(
        `${name}-usage`,
        {
            resourceArn: workgroup.arn,
            usageType: "serverless-compute",
            amount: args.usageLimitRpuHours,
            period: args.usageLimitPeriod,
            breachAction: args.usageLimitBreachAction,
        },
        child,
    );
    return { namespace, workgroup, usageLimit, copyRole, databaseName };
}
