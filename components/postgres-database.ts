// PostgresDatabase: RDS for PostgreSQL in the isolated tier, reachable only from the given client
// security groups, encrypted at rest with the platform key, TLS forced by its parameter group,
// master password generated and rotated by RDS in Secrets Manager.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { encryptedLogGroupArgs } from "./defaults/log-defaults";
import { instanceIdentifier, parameterGroupFamily, postgresDefaults, postgresPort, tlsParameters } from "./defaults/rds-defaults";
import { PlatformContext } from "./platform-context";

export interface PostgresDatabaseArgs {
    platform: PlatformContext;
    /** Security groups of the only clients the database admits. */
    clients: aws.ec2.SecurityGroup[];
    // Defaults: `postgresDefaults` (defaults/rds-defaults.ts); config/csv-to-postgres.ts validates stack values.
    /** Major (`17`) or full version; a major version takes minor upgrades automatically. */
    engineVersion?: string;
    instanceClass?: string;
    allocatedStorageGb?: number;
    /** Storage autoscaling ceiling. */
    maxAllocatedStorageGb?: number;
    multiAz?: boolean;
    /** Days of automated backups (1-35; the policy pack refuses none). */
    backupRetentionDays?: number;
    /** Database created with the instance. */
    databaseName?: string;
    tags?: Record<string, string>;
}

export class PostgresDatabase extends pulumi.ComponentResource {
    public readonly instance: aws.rds.Instance;
    public readonly securityGroup: aws.ec2.SecurityGroup;
    /** ARN of the secret RDS keeps the master credentials in. */
    public readonly secretArn: pulumi.Output<string>;

    constructor(name: string, args: PostgresDatabaseArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:database:PostgresDatabase", name, {}, opts);
        const { platform } = args;
        const child = { parent: this };
        const tags = args.tags ?? {};
        const engineVersion = args.engineVersion ?? postgresDefaults.engineVersion;
        const key = platform.encryptionKey;
        const backupRetentionDays = args.backupRetentionDays ?? postgresDefaults.backupRetentionDays;

        const subnetGroup = new aws.rds.SubnetGroup(
            name,
            { description: `${name}: isolated subnets only`, subnetIds: platform.network.subnets("isolated").subnetIds, tags },
            child,
        );
        const parameterGroup = new aws.rds.ParameterGroup(
            name,
            {
                description: `${name}: TLS required`,
                family: parameterGroupFamily(engineVersion),
                parameters: tlsParameters.map(parameter => ({ ...parameter })),
                tags,
            },
            child,
        );
        this.securityGroup = platform.network.serviceSecurityGroup(
            `${name}-db`,
            `${name}: PostgreSQL from its clients only`,
            postgresPort,
            args.clients,
        );

        // The exported log groups are declared first, so they are encrypted and expire; RDS would
        // otherwise create them itself, unencrypted and kept forever.
        const identifier = instanceIdentifier(pulumi.getProject(), pulumi.getStack(), name);
        const logGroups = postgresDefaults.logExports.map(
            log =>
                new aws.cloudwatch.LogGroup(
                    `${name}-${log}`,
                    {
                        ...encryptedLogGroupArgs(key, platform.logRetentionInDays, `/aws/rds/instance/${identifier}/${log}`),
                        tags,
                    },
                    child,
                ),
        );

        this.instance = new aws.rds.Instance(
            name,
            {
                identifier,
                engine: "postgres",
                engineVersion,
                instanceClass: args.instanceClass ?? postgresDefaults.instanceClass,
                allocatedStorage: args.allocatedStorageGb ?? postgresDefaults.allocatedStorageGb,
                maxAllocatedStorage: args.maxAllocatedStorageGb ?? postgresDefaults.maxAllocatedStorageGb,
                storageType: postgresDefaults.storageType,
                storageEncrypted: true,
                kmsKeyId: key.arn,
                dbName: args.databaseName ?? postgresDefaults.databaseName,
                username: postgresDefaults.adminUsername,
                manageMasterUserPassword: true,
                masterUserSecretKmsKeyId: key.arn,
                port: postgresPort,
                dbSubnetGroupName: subnetGroup.name,
                vpcSecurityGroupIds: [this.securityGroup.id],
                publiclyAccessible: false,
                parameterGroupName: parameterGroup.name,
                caCertIdentifier: postgresDefaults.caCertIdentifier,
                multiAz: args.multiAz ?? postgresDefaults.multiAz,
                backupRetentionPeriod: backupRetentionDays,
                backupWindow: postgresDefaults.backupWindow,
                maintenanceWindow: postgresDefaults.maintenanceWindow,
                copyTagsToSnapshot: true,
                deletionProtection: platform.deletionProtection,
                // A protected database keeps a final snapshot; a disposable one does not.
                skipFinalSnapshot: !platform.deletionProtection,
                finalSnapshotIdentifier: platform.deletionProtection ? `${name}-final` : undefined,
                autoMinorVersionUpgrade: true,
                performanceInsightsEnabled: true,
                performanceInsightsKmsKeyId: key.arn,
                performanceInsightsRetentionPeriod: postgresDefaults.performanceInsightsRetentionDays,
                enabledCloudwatchLogsExports: [...postgresDefaults.logExports],
                tags,
            },
            { parent: this, dependsOn: logGroups },
        );
        this.secretArn = this.instance.masterUserSecrets.apply(secrets => {
            if (secrets.length === 0) {
                throw new Error(`PostgresDatabase ${name}: RDS reported no managed master user secret`);
            }
            return secrets[0].secretArn;
        });

        this.registerOutputs({ endpoint: this.instance.endpoint, address: this.instance.address, secretArn: this.secretArn });
    }
}
