// RDS, OpenSearch, ElastiCache, DynamoDB and S3: provisioned capacity is fixed, requests and
// stored data are usage.
import { Estimator, LineItem, line, monthDays, monthHours, numberInput, objectInput } from "../model";

export const rdsInstance: Estimator = (resource, context) => {
    const engine = String(resource.inputs.engine ?? "postgres");
    const instanceClass = String(resource.inputs.instanceClass ?? "");
    const multiAz = resource.inputs.multiAz === true;
    const copies = multiAz ? context.prices.price("rds.multiAzFactor").usd : 1;
    const deployment = multiAz ? "Multi-AZ" : "Single-AZ";
    const storageType = String(resource.inputs.storageType ?? "gp2");
    const storageGb = numberInput(resource, "allocatedStorage", 20);
    const lines = [
        line(
            context,
            `rds.${engine}.${instanceClass}.hour`,
            copies * monthHours(context),
            `${instanceClass} ${deployment} instance hours`,
            "fixed",
        ),
        line(
            context,
            `rds.storage.${storageType}.gbMonth`,
            copies * storageGb,
            `${storageGb} GB ${storageType} storage (${deployment})`,
            "fixed",
        ),
    ];
    if (resource.inputs.manageMasterUserPassword === true) {
        lines.push(line(context, "secretsmanager.secret.month", 1, "master user secret RDS keeps in Secrets Manager", "fixed"));
    }
    return lines;
};

export const openSearchDomain: Estimator = (resource, context) => {
    const cluster = objectInput(resource, "clusterConfig");
    const ebs = objectInput(resource, "ebsOptions");
    const dataType = String(cluster.instanceType ?? "m5.large.search");
    const dataNodes = Number(cluster.instanceCount ?? 1);
    const hours = monthHours(context);
    const lines = [line(context, `opensearch.${dataType}.hour`, dataNodes * hours, `${dataNodes} x ${dataType} data node hours`, "fixed")];
    if (cluster.dedicatedMasterEnabled === true) {
        const masterType = String(cluster.dedicatedMasterType ?? dataType);
        const masters = Number(cluster.dedicatedMasterCount ?? 3);
        lines.push(
            line(context, `opensearch.${masterType}.hour`, masters * hours, `${masters} x ${masterType} dedicated master hours`, "fixed"),
        );
    }
    if (ebs.ebsEnabled === true) {
        const volumeType = String(ebs.volumeType ?? "gp3");
        const volumeGb = Number(ebs.volumeSize ?? 10);
        lines.push(
            line(
                context,
                `opensearch.storage.${volumeType}.gbMonth`,
                dataNodes * volumeGb,
                `${dataNodes} x ${volumeGb} GB ${volumeType} volumes`,
                "fixed",
            ),
        );
    }
    return lines;
};

export const replicationGroup: Estimator = (resource, context) => {
    const nodeType = String(resource.inputs.nodeType ?? "");
    const shards = numberInput(resource, "numNodeGroups", 1);
    const nodes =
        resource.inputs.numCacheClusters !== undefined
            ? numberInput(resource, "numCacheClusters", 1)
            : shards * (1 + numberInput(resource, "replicasPerNodeGroup", 0));
    return [line(context, `elasticache.${nodeType}.hour`, nodes * monthHours(context), `${nodes} x ${nodeType} node hours`, "fixed")];
};

export const dynamoTable: Estimator = (resource, context) => {
    const mode = String(resource.inputs.billingMode ?? "PROVISIONED");
    if (mode !== "PAY_PER_REQUEST") {
        return [line(context, "dynamodb.provisioned.capacityHour", 0, "provisioned capacity", "fixed")];
    }
    const writes = context.usage.costTableWritesPerDay * monthDays(context);
    return [line(context, "dynamodb.onDemand.writeMillion", writes / 1e6, `${Math.round(writes)} on-demand writes`, "usage")];
};

export const bucket: Estimator = (_resource, context) => {
    const uploads = context.usage.costObjectUploadsPerDay * monthDays(context);
    const lines: LineItem[] = [
        line(context, "s3.standard.gbMonth", context.usage.costBucketStorageGb, "Standard storage", "usage"),
        line(context, "s3.put.thousand", uploads / 1000, `${Math.round(uploads)} uploads`, "usage"),
    ];
    return lines;
};
