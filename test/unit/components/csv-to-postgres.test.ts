import { expect } from "chai";
import { CsvToPostgres, CsvToPostgresArgs } from "../../../components/csv-to-postgres";
import { instanceIdentifier, parameterGroupFamily } from "../../../components/defaults/rds-defaults";
import type { CapturedResource } from "../../../scripts/plan/capture";
import { mockSubnetId } from "../../../scripts/plan/mocks";
import { childrenOf, mocked, mockAccountId, ofType, promiseOf, single } from "../../support/pulumi";
import { TestPlatform, testPlatform } from "../../support/platform";

type Statement = { Sid?: string; Effect: string; Action: string | string[]; Resource: string | string[]; Condition?: unknown };

interface Built {
    component: CsvToPostgres;
    children: CapturedResource[];
    test: TestPlatform;
    /** Everything recorded so far, for resources the network creates on the component's behalf. */
    all: CapturedResource[];
}

async function build(name: string, args: Partial<CsvToPostgresArgs> = {}, deletionProtection = false): Promise<Built> {
    const test = testPlatform(name);
    const platform = { ...test.platform, deletionProtection };
    const component = new CsvToPostgres(name, { platform, ...args });
    const children = await childrenOf(component.urn);
    return { component, children, test, all: (await mocked()).resources };
}

const statementsOf = (policy: unknown) => (policy as { Statement: Statement[] }).Statement;

describe("CsvToPostgres component", () => {
    let dev: Built;
    before(async () => {
        await mocked();
        dev = await build("csvu");
    });

    it("registers as dataplatform:pipeline:CsvToPostgres with every child prefixed by its name", () => {
        expect(dev.component.urn).to.not.equal(undefined);
        const names = dev.children.map(r => r.name);
        expect(names.filter(n => !n.startsWith("csvu-"))).to.deep.equal([]);
        expect(dev.children.map(r => r.type)).to.include.members([
            "dataplatform:storage:SecureBucket",
            "dataplatform:database:PostgresDatabase",
            "dataplatform:lambda:InlineLambda",
            "aws:s3/bucketNotification:BucketNotification",
        ]);
    });

    it("builds the bucket from separate v7 resources: SSE-KMS with the platform key, versioning, public access blocked, no ACLs, TLS only, lifecycle", async () => {
        const keyArn = await promiseOf(dev.test.core.encryptionKey.arn);
        const bucketId = await promiseOf(dev.component.bucket.id);
        const bucketArn = await promiseOf(dev.component.bucket.arn);
        const config = (type: string) => {
            const resource = single(dev.children, type);
            expect(resource.inputs.bucket, type).to.equal(bucketId);
            return resource.inputs;
        };
        expect(config("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration").rules).to.deep.equal([
            { applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: keyArn }, bucketKeyEnabled: true },
        ]);
        expect(config("aws:s3/bucketVersioning:BucketVersioning").versioningConfiguration).to.deep.equal({ status: "Enabled" });
        expect(config("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock")).to.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        expect(config("aws:s3/bucketOwnershipControls:BucketOwnershipControls").rule).to.deep.equal({
            objectOwnership: "BucketOwnerEnforced",
        });
        const [deny] = statementsOf(config("aws:s3/bucketPolicy:BucketPolicy").policy);
        expect(deny).to.deep.include({
            Effect: "Deny",
            Action: "s3:*",
            Resource: [bucketArn, `${bucketArn}/*`],
            Condition: { Bool: { "aws:SecureTransport": "false" } },
        });
        const rules = config("aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").rules as Record<string, unknown>[];
        expect(rules.find(r => r.id === "expire-rejected")).to.deep.include({ filter: { prefix: "rejected/" }, expiration: { days: 30 } });
        expect(rules.map(r => r.id)).to.include.members(["expire-noncurrent-versions", "abort-incomplete-uploads"]);
    });

    it("puts the database in the isolated tier, encrypted with the platform key, private, TLS forced, password managed by RDS", async () => {
        const keyArn = await promiseOf(dev.test.core.encryptionKey.arn);
        const subnetGroup = single(dev.children, "aws:rds/subnetGroup:SubnetGroup");
        expect(subnetGroup.inputs.subnetIds).to.deep.equal([0, 1, 2].map(az => mockSubnetId("Isolated", az)));
        const parameterGroup = single(dev.children, "aws:rds/parameterGroup:ParameterGroup");
        expect(parameterGroup.inputs.family).to.equal("postgres17");
        expect(parameterGroup.inputs.parameters).to.deep.include({ name: "rds.force_ssl", value: "1" });
        const db = single(dev.children, "aws:rds/instance:Instance");
        expect(db.inputs).to.deep.include({
            engine: "postgres",
            engineVersion: "17",
            instanceClass: "db.t4g.micro",
            storageEncrypted: true,
            kmsKeyId: keyArn,
            manageMasterUserPassword: true,
            masterUserSecretKmsKeyId: keyArn,
            publiclyAccessible: false,
            backupRetentionPeriod: 7,
            multiAz: false,
            deletionProtection: false,
            skipFinalSnapshot: true,
            performanceInsightsEnabled: true,
            performanceInsightsKmsKeyId: keyArn,
            autoMinorVersionUpgrade: true,
            copyTagsToSnapshot: true,
            port: 5432,
        });
        expect(db.propertyDependencies.dbSubnetGroupName).to.deep.equal([subnetGroup.urn]);
        expect(db.propertyDependencies.parameterGroupName).to.deep.equal([parameterGroup.urn]);
        expect(db.inputs.password).to.equal(undefined);
        expect(db.inputs.username).to.be.a("string").and.not.equal("postgres");
        expect(db.inputs.enabledCloudwatchLogsExports).to.deep.equal(["postgresql", "upgrade"]);
        const identifier = instanceIdentifier("data-platform", "unit", "csvu-db");
        expect(db.inputs.identifier).to.equal(identifier);
        const logGroups = ofType(dev.children, "aws:cloudwatch/logGroup:LogGroup").filter(g =>
            String(g.inputs.name).startsWith("/aws/rds/"),
        );
        expect(logGroups.map(g => g.inputs.name)).to.deep.equal([
            `/aws/rds/instance/${identifier}/postgresql`,
            `/aws/rds/instance/${identifier}/upgrade`,
        ]);
        expect(logGroups.every(g => g.inputs.kmsKeyId === keyArn && g.inputs.retentionInDays === 30)).to.equal(true);
        expect(db.dependencies).to.include.members(logGroups.map(g => g.urn));
    });

    it("admits only the loader's security group to the database, on 5432 and nothing else", async () => {
        const loaderSg = dev.all.find(r => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.name === "csvu-loader")!;
        const dbSg = dev.all.find(r => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.name === "csvu-db-db")!;
        const loaderSgId = await promiseOf(dev.component.loader.function.vpcConfig.apply(c => c!.securityGroupIds[0]));
        expect(loaderSg.inputs.ingress).to.deep.equal([]);
        expect(dbSg.inputs.ingress).to.deep.equal([
            {
                protocol: "tcp",
                fromPort: 5432,
                toPort: 5432,
                securityGroups: [loaderSgId],
                description: "Port 5432 from a client security group",
            },
        ]);
        expect(dbSg.inputs.egress).to.deep.equal([]);
        const db = single(dev.children, "aws:rds/instance:Instance");
        expect(db.propertyDependencies.vpcSecurityGroupIds).to.deep.equal([dbSg.urn]);
    });

    it("runs the loader in the private tier with its security group, a connection budget, and the database from the environment", async () => {
        const lambda = await childrenOf(dev.component.loader.urn);
        const fn = single(lambda, "aws:lambda/function:Function");
        const db = single(dev.children, "aws:rds/instance:Instance");
        expect((fn.inputs.vpcConfig as { subnetIds: string[] }).subnetIds).to.deep.equal([0, 1, 2].map(az => mockSubnetId("Private", az)));
        expect(fn.inputs).to.deep.include({ reservedConcurrentExecutions: 5, timeout: 900, memorySize: 1024 });
        const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
        const secretArn = await promiseOf(dev.component.databaseSecretArn);
        expect(secretArn).to.match(/^arn:aws:secretsmanager:us-east-1:123456789012:secret:rds!db-/);
        expect(variables).to.include({
            DB_HOST: `${db.inputs.identifier}.c0mock0db0.us-east-1.rds.amazonaws.com`,
            DB_PORT: "5432",
            DB_NAME: "data",
            DB_SECRET_ARN: secretArn,
        });
        expect(Object.keys(variables).some(name => /PASSWORD/i.test(name))).to.equal(false);
        expect(await promiseOf(dev.component.databaseEndpoint)).to.equal(`${variables.DB_HOST}:5432`);
        expect(ofType(lambda, "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig")).to.have.length(1);
        expect(single(lambda, "aws:sqs/queue:Queue").inputs.kmsMasterKeyId).to.equal(await promiseOf(dev.test.core.encryptionKey.arn));
    });

    it("grants least privilege: read data/*, write rejected/*, one secret, the platform key", async () => {
        const bucketArn = await promiseOf(dev.component.bucket.arn);
        const policy = single(await childrenOf(dev.component.loader.urn), "aws:iam/rolePolicy:RolePolicy");
        const bySid = new Map(statementsOf(policy.inputs.policy).map(s => [s.Sid, s]));
        expect(bySid.get("ReadDroppedFiles")).to.deep.include({
            Action: ["s3:GetObject", "s3:GetObjectVersion"],
            Resource: [`${bucketArn}/data/*`],
        });
        expect(bySid.get("WriteRejects")).to.deep.include({
            Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
            Resource: [`${bucketArn}/rejected/*`],
        });
        expect(bySid.get("ReadDatabaseSecret")).to.deep.include({
            Action: ["secretsmanager:GetSecretValue"],
            Resource: [await promiseOf(dev.component.databaseSecretArn)],
        });
        expect(bySid.get("UseKeyOfObjectsAndSecret")!.Resource).to.deep.equal([await promiseOf(dev.test.core.encryptionKey.arn)]);
        const s3Resources = statementsOf(policy.inputs.policy)
            .filter(s => [s.Action].flat().some(a => a.startsWith("s3:")))
            .flatMap(s => [s.Resource].flat());
        expect(s3Resources.every(r => r.startsWith(`${bucketArn}/`))).to.equal(true);
    });

    it("lets S3 invoke the loader only from this bucket and account, and notifies it of .csv objects under data/", async () => {
        const bucketArn = await promiseOf(dev.component.bucket.arn);
        const permission = single(await childrenOf(dev.component.loader.urn), "aws:lambda/permission:Permission");
        expect(permission.inputs).to.deep.include({
            action: "lambda:InvokeFunction",
            principal: "s3.amazonaws.com",
            sourceArn: bucketArn,
            sourceAccount: mockAccountId,
        });
        const notification = single(dev.children, "aws:s3/bucketNotification:BucketNotification");
        expect(notification.inputs.bucket).to.equal(await promiseOf(dev.component.bucket.id));
        expect(notification.inputs.lambdaFunctions).to.deep.equal([
            {
                lambdaFunctionArn: await promiseOf(dev.component.loader.function.arn),
                events: ["s3:ObjectCreated:*"],
                filterPrefix: "data/",
                filterSuffix: ".csv",
            },
        ]);
        expect(notification.dependencies).to.include(permission.urn);
    });

    it("asks the network for a Secrets Manager endpoint (the loader has no route to the internet)", () => {
        expect(dev.test.network.interfaceEndpointServices).to.include("secretsmanager");
        expect(dev.all.some(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.name === "csvu-net-secretsmanager")).to.equal(true);
    });

    it("applies production settings: Multi-AZ, longer backups, deletion protection with a final snapshot, engine 16", async () => {
        const prod = await build(
            "csvp",
            { multiAz: true, backupRetentionDays: 30, engineVersion: "16", instanceClass: "db.t4g.medium" },
            true,
        );
        const db = single(prod.children, "aws:rds/instance:Instance");
        expect(db.inputs).to.deep.include({
            multiAz: true,
            backupRetentionPeriod: 30,
            deletionProtection: true,
            skipFinalSnapshot: false,
            finalSnapshotIdentifier: "csvp-db-final",
            engineVersion: "16",
            instanceClass: "db.t4g.medium",
        });
        expect(single(prod.children, "aws:rds/parameterGroup:ParameterGroup").inputs.family).to.equal(parameterGroupFamily("16"));
    });

    it("refuses a prefix that is not one folder, no key columns, and backups outside 1-35 days", () => {
        const { platform } = testPlatform("csvbad");
        expect(() => new CsvToPostgres("csvbad1", { platform, prefix: "data" })).to.throw(/prefix must be one folder/);
        expect(() => new CsvToPostgres("csvbad2", { platform, keyColumns: [] })).to.throw(/keyColumns must not be empty/);
        expect(() => new CsvToPostgres("csvbad3", { platform, backupRetentionDays: 0 })).to.throw(
            /backupRetentionDays must be from 1 to 35/,
        );
    });

    it("keeps instance identifiers valid for RDS", () => {
        expect(instanceIdentifier("data-platform", "prod", "csv-db")).to.equal("data-platform-prod-csv-db");
        expect(instanceIdentifier("9x", "a_b", "c")).to.equal("x-a-b-c");
        expect(instanceIdentifier("p", "s", "n".repeat(80))).to.have.length(63);
    });
});
