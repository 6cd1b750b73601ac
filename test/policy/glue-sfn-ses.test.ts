import {
    glueCatalogEncrypted,
    glueConnectionInPrivateSubnets,
    glueSecurityConfiguration,
    glueSupportedVersion,
} from "../../policy/rules/glue";
import { sesReceiptToStackBucket } from "../../policy/rules/ses";
import { stateMachineEncrypted, stateMachineLogging, stateMachineTracing } from "../../policy/rules/sfn";
import { expect } from "chai";
import { judge, resource, unknownAtPreview, verdicts } from "../support/policy";
import { describeRule } from "../support/rule-cases";

const key = unknownAtPreview;
const secureEncryption = {
    cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: key },
    jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: key },
    s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: key },
};

describeRule({
    rule: glueSecurityConfiguration,
    type: "aws:glue/job:Job",
    compliant: {},
    violating: { "a job without a security configuration": {} },
    unknown: {},
    build: (name, props) => {
        const encryption =
            name === "pending"
                ? { ...secureEncryption, s3Encryption: { s3EncryptionMode: unknownAtPreview, kmsKeyArn: key } }
                : secureEncryption;
        const configuration = resource("aws:glue/securityConfiguration:SecurityConfiguration", `${name}-security`, {
            name: `${name}-security`,
            encryptionConfiguration: encryption,
        });
        const job = resource(
            "aws:glue/job:Job",
            name,
            { ...props, securityConfiguration: name === "bad" ? undefined : `${name}-security` },
            { propertyDependencies: name === "bad" ? {} : { securityConfiguration: [configuration] } },
        );
        return [job, configuration];
    },
});

describeRule({
    rule: glueSecurityConfiguration,
    type: "aws:glue/crawler:Crawler",
    compliant: {},
    violating: { "a crawler whose configuration leaves S3 output unencrypted": {} },
    unknown: {},
    build: (name, props) => {
        const s3Encryption =
            name === "bad"
                ? { s3EncryptionMode: "DISABLED" }
                : { s3EncryptionMode: name === "pending" ? unknownAtPreview : "SSE-KMS", kmsKeyArn: key };
        // Linked by name (a literal), not by dependency.
        const configuration = resource("aws:glue/securityConfiguration:SecurityConfiguration", `${name}-security`, {
            name: `${name}-security`,
            encryptionConfiguration: { ...secureEncryption, s3Encryption },
        });
        return [resource("aws:glue/crawler:Crawler", name, { ...props, securityConfiguration: `${name}-security` }), configuration];
    },
});

const catalog = (mode: unknown) => ({
    dataCatalogEncryptionSettings: {
        encryptionAtRest: { catalogEncryptionMode: mode, sseAwsKmsKeyId: key },
        connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: key },
    },
});
describeRule({
    rule: glueCatalogEncrypted,
    type: "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings",
    compliant: catalog("SSE-KMS"),
    violating: { "a catalog left unencrypted": catalog("DISABLED") },
    unknown: catalog(unknownAtPreview),
});

describe("policy: glue-catalog-encrypted (presence)", () => {
    it("reports a Glue database in a stack that declares no catalog encryption, and passes once one is declared", async () => {
        const database = resource("aws:glue/catalogDatabase:CatalogDatabase", "warehouse", {});
        const settings = resource("aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings", "catalog", catalog("SSE-KMS"));
        expect(verdicts(await judge([glueCatalogEncrypted], database))).to.deep.equal(["glue-catalog-encrypted mandatory warehouse"]);
        expect(await judge([glueCatalogEncrypted], database, settings)).to.deep.equal([]);
    });
});

const subnet = (name: string, tags: unknown) => resource("aws:ec2/subnet:Subnet", name, { tags });
describeRule({
    rule: glueConnectionInPrivateSubnets,
    type: "aws:glue/connection:Connection",
    compliant: {},
    violating: { "a connection in a public subnet": {} },
    unknown: {},
    build: (name, props) => {
        const tags = name === "pending" ? unknownAtPreview : { "dataplatform:tier": name === "bad" ? "public" : "private" };
        const placedIn = subnet(`${name}-subnet`, tags);
        const connection = resource(
            "aws:glue/connection:Connection",
            name,
            { ...props, physicalConnectionRequirements: { subnetId: unknownAtPreview, securityGroupIdLists: [unknownAtPreview] } },
            { propertyDependencies: { physicalConnectionRequirements: [placedIn] } },
        );
        return [connection, placedIn];
    },
});

describeRule({
    rule: glueSupportedVersion,
    type: "aws:glue/job:Job",
    compliant: { glueVersion: "5.0", command: { name: "glueetl", scriptLocation: "s3://b/job.py" } },
    violating: {
        "Glue 2.0": { glueVersion: "2.0", command: { name: "glueetl" } },
        "the default version": { command: { name: "glueetl" } },
    },
    unknown: { glueVersion: unknownAtPreview, command: { name: "glueetl" } },
});

const machine = "aws:sfn/stateMachine:StateMachine";
describeRule({
    rule: stateMachineLogging,
    type: machine,
    compliant: { loggingConfiguration: { level: "ALL", includeExecutionData: true, logDestination: unknownAtPreview } },
    violating: {
        "no logging": {},
        "errors only": { loggingConfiguration: { level: "ERROR", includeExecutionData: true, logDestination: unknownAtPreview } },
    },
    unknown: { loggingConfiguration: { level: unknownAtPreview, includeExecutionData: true, logDestination: unknownAtPreview } },
});

describeRule({
    rule: stateMachineTracing,
    type: machine,
    compliant: { tracingConfiguration: { enabled: true } },
    violating: { "no tracing": {}, "tracing off": { tracingConfiguration: { enabled: false } } },
    unknown: { tracingConfiguration: { enabled: unknownAtPreview } },
});

describeRule({
    rule: stateMachineEncrypted,
    type: machine,
    compliant: { encryptionConfiguration: { type: "CUSTOMER_MANAGED_KMS_KEY", kmsKeyId: unknownAtPreview } },
    violating: { "the AWS-owned key": {}, "AWS_OWNED_KEY named": { encryptionConfiguration: { type: "AWS_OWNED_KEY" } } },
    unknown: { encryptionConfiguration: { type: unknownAtPreview, kmsKeyId: unknownAtPreview } },
});

describeRule({
    rule: sesReceiptToStackBucket,
    type: "aws:ses/receiptRule:ReceiptRule",
    compliant: {},
    violating: { "a rule storing mail unencrypted in an outside bucket without TLS": {} },
    unknown: {},
    build: (name, props) => {
        const bucket = resource("aws:s3/bucket:Bucket", `${name}-mail`, {});
        const secure = name !== "bad";
        const rule = resource(
            "aws:ses/receiptRule:ReceiptRule",
            name,
            {
                ...props,
                ruleSetName: "inbound",
                tlsPolicy: name === "pending" ? unknownAtPreview : secure ? "Require" : "Optional",
                s3Actions: [
                    { bucketName: secure ? unknownAtPreview : "someone-elses-bucket", position: 1, ...(secure ? { kmsKeyArn: key } : {}) },
                ],
            },
            { propertyDependencies: secure ? { s3Actions: [bucket] } : {} },
        );
        return [rule, bucket];
    },
});
