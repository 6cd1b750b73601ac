// Glue: jobs and crawlers run under a security configuration that encrypts logs, bookmarks and
// output with KMS; the Data Catalog is encrypted; connections stay in private subnets.
import { PolicyResource } from "@pulumi/policy";
import { isKind } from "../lib/resource-types";
import { resourceRule, stackRule } from "../lib/rule";
import { subnetPlacementPolicy } from "../lib/subnets";
import { isRecord } from "../lib/values";

/** The security configurations of this stack a job or crawler names (by dependency or by name). */
function securityConfigurationsOf(subject: PolicyResource, resources: PolicyResource[]): PolicyResource[] {
    const linked = (subject.propertyDependencies.securityConfiguration ?? []).filter(d => isKind(d.type, "glueSecurityConfiguration"));
    if (linked.length > 0) {
        return linked;
    }
    const name = subject.props.securityConfiguration;
    return resources.filter(r => isKind(r.type, "glueSecurityConfiguration") && (r.props.name ?? r.name) === name);
}

function block(value: unknown, key: string): Record<string, unknown> {
    const found = isRecord(value) ? value[key] : undefined;
    return isRecord(found) ? found : {};
}

/** What a security configuration leaves unencrypted, with the property to set. */
function encryptionGaps(configuration: PolicyResource): string[] {
    const encryption = configuration.props.encryptionConfiguration;
    const wanted: [string, string, string][] = [
        ["cloudwatchEncryption", "cloudwatchEncryptionMode", "SSE-KMS"],
        ["jobBookmarksEncryption", "jobBookmarksEncryptionMode", "CSE-KMS"],
        ["s3Encryption", "s3EncryptionMode", "SSE-KMS"],
    ];
    return wanted
        .filter(([key, mode, value]) => block(encryption, key)[mode] !== value || !("kmsKeyArn" in block(encryption, key)))
        .map(([key, mode, value]) => `encryptionConfiguration.${key}.${mode} "${value}" with kmsKeyArn`);
}

export const glueSecurityConfiguration = stackRule({
    name: "glue-security-configuration",
    description:
        "Glue jobs and crawlers run under a security configuration of this stack that encrypts CloudWatch logs (SSE-KMS), job bookmarks (CSE-KMS) and S3 output (SSE-KMS) with a KMS key (cdk-nag AwsSolutions-GL1/GL3).",
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-GL1", "AwsSolutions-GL3", "x-glue-s3-encryption"],
    kinds: ["glueJob", "glueCrawler"],
    check: (subject, resources, report) => {
        const configurations = securityConfigurationsOf(subject, resources);
        if (configurations.length === 0) {
            report(`${subject.type} ${subject.name} runs without a security configuration of this stack: set securityConfiguration`);
        }
        for (const configuration of configurations) {
            const gaps = encryptionGaps(configuration);
            if (gaps.length > 0) {
                report(`${subject.type} ${subject.name}: security configuration ${configuration.name} needs ${gaps.join(", ")}`);
            }
        }
    },
});

export const glueCatalogEncrypted = stackRule({
    name: "glue-catalog-encrypted",
    description:
        "A stack with a Glue database declares DataCatalogEncryptionSettings that encrypt the catalog (SSE-KMS) and connection passwords with a KMS key.",
    enforcementLevel: "mandatory",
    anchors: ["x-glue-catalog-encryption"],
    kinds: ["glueCatalogEncryption", "glueCatalogDatabase"],
    check: (subject, resources, report) => {
        if (isKind(subject.type, "glueCatalogDatabase")) {
            if (!resources.some(r => isKind(r.type, "glueCatalogEncryption"))) {
                report(
                    `Glue database ${subject.name}: the Data Catalog is not encrypted: declare aws.glue.DataCatalogEncryptionSettings (once per account and region)`,
                );
            }
            return;
        }
        const settings = block(subject.props, "dataCatalogEncryptionSettings");
        const atRest = block(settings, "encryptionAtRest");
        const passwords = block(settings, "connectionPasswordEncryption");
        if (atRest.catalogEncryptionMode !== "SSE-KMS" || !("sseAwsKmsKeyId" in atRest)) {
            report(`catalog encryption ${subject.name}: set encryptionAtRest.catalogEncryptionMode "SSE-KMS" with sseAwsKmsKeyId`);
        }
        if (passwords.returnConnectionPasswordEncrypted !== true || !("awsKmsKeyId" in passwords)) {
            report(
                `catalog encryption ${subject.name}: set connectionPasswordEncryption.returnConnectionPasswordEncrypted true with awsKmsKeyId`,
            );
        }
    },
});

export const glueConnectionInPrivateSubnets = subnetPlacementPolicy({
    name: "glue-connection-in-private-subnets",
    description: "Glue connections reach their data stores from private or isolated subnets of this stack.",
    anchors: ["x-glue-connection-private"],
    placements: { glueConnection: "physicalConnectionRequirements" },
    allowedTiers: ["private", "isolated"],
});

const sparkCommands = ["glueetl", "gluestreaming"];

export const glueSupportedVersion = resourceRule({
    name: "glue-supported-version",
    description: "Glue Spark jobs run on Glue 4.0 or later (Security Hub Glue.4).",
    enforcementLevel: "advisory",
    anchors: ["Glue.4"],
    kinds: ["glueJob"],
    check: (job, report) => {
        const command = isRecord(job.props.command) ? job.props.command.name : "glueetl";
        const version = Number(job.props.glueVersion ?? "0");
        if (sparkCommands.includes(String(command ?? "glueetl")) && !(version >= 4)) {
            report(`Glue job ${job.name} runs on Glue ${String(job.props.glueVersion ?? "(default)")}: set glueVersion to "4.0" or later`);
        }
    },
});
