// Creates, in moto, the buckets, queues, tables, streams and secrets the resource graph declares,
// under local names, and records which deployed value stands for which local one. Idempotent: a
// second start finds them in place (moto keeps its state while it runs).
import { CreateBucketCommand, HeadBucketCommand } from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand } from "@aws-sdk/client-sqs";
import { CreateTableCommand, DescribeTableCommand, KeyType, ScalarAttributeType, StreamViewType } from "@aws-sdk/client-dynamodb";
import { CreateStreamCommand, DescribeStreamSummaryCommand } from "@aws-sdk/client-kinesis";
import { CreateSecretCommand, DescribeSecretCommand, PutSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import { LocalAws } from "./aws-local";
import { GraphResource, ofType, ResourceGraph } from "./graph";
import { localName, Replacements } from "./local-names";

export interface LocalQueue {
    resource: GraphResource;
    url: string;
    arn: string;
}
export interface LocalTable {
    resource: GraphResource;
    name: string;
    streamArn?: string;
}
export interface LocalStream {
    resource: GraphResource;
    name: string;
    arn: string;
}
export interface ProvisionedAws {
    buckets: { resource: GraphResource; name: string }[];
    queues: LocalQueue[];
    tables: LocalTable[];
    streams: LocalStream[];
}

async function ensureBucket(aws: LocalAws, name: string): Promise<void> {
    try {
        await aws.s3.send(new HeadBucketCommand({ Bucket: name }));
    } catch {
        await aws.s3.send(new CreateBucketCommand({ Bucket: name }));
    }
}

export async function ensureQueue(aws: LocalAws, name: string): Promise<{ url: string; arn: string }> {
    const { QueueUrl } = await aws.sqs.send(new CreateQueueCommand({ QueueName: name }));
    const { Attributes } = await aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ["QueueArn"] }));
    return { url: QueueUrl!, arn: Attributes!.QueueArn! };
}

interface TableInputs {
    attributes?: { name: string; type: string }[];
    hashKey?: string;
    rangeKey?: string;
    streamEnabled?: boolean;
    streamViewType?: string;
}

async function ensureTable(aws: LocalAws, name: string, inputs: TableInputs): Promise<string | undefined> {
    try {
        return (await aws.dynamodb.send(new DescribeTableCommand({ TableName: name }))).Table?.LatestStreamArn;
    } catch {
        const keys = [
            { AttributeName: inputs.hashKey!, KeyType: KeyType.HASH },
            ...(inputs.rangeKey ? [{ AttributeName: inputs.rangeKey, KeyType: KeyType.RANGE }] : []),
        ];
        const created = await aws.dynamodb.send(
            new CreateTableCommand({
                TableName: name,
                AttributeDefinitions: (inputs.attributes ?? []).map(a => ({
                    AttributeName: a.name,
                    AttributeType: a.type as ScalarAttributeType,
                })),
                KeySchema: keys,
                BillingMode: "PAY_PER_REQUEST",
                StreamSpecification: inputs.streamEnabled
                    ? { StreamEnabled: true, StreamViewType: inputs.streamViewType as StreamViewType }
                    : undefined,
            }),
        );
        return created.TableDescription?.LatestStreamArn;
    }
}

export async function ensureStream(aws: LocalAws, name: string, shardCount: number): Promise<string> {
    try {
        return (await aws.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!.StreamARN!;
    } catch {
        await aws.kinesis.send(new CreateStreamCommand({ StreamName: name, ShardCount: shardCount }));
        for (let attempt = 0; attempt < 50; attempt++) {
            const summary = (await aws.kinesis.send(new DescribeStreamSummaryCommand({ StreamName: name }))).StreamDescriptionSummary!;
            if (summary.StreamStatus === "ACTIVE") {
                return summary.StreamARN!;
            }
            await new Promise(resolve => setTimeout(resolve, 100));
        }
        throw new Error(`Kinesis stream ${name} did not become active`);
    }
}

/** Creates or updates a secret and returns its local ARN. */
export async function ensureSecret(aws: LocalAws, name: string, value: string): Promise<string> {
    try {
        const existing = await aws.secrets.send(new DescribeSecretCommand({ SecretId: name }));
        await aws.secrets.send(new PutSecretValueCommand({ SecretId: name, SecretString: value }));
        return existing.ARN!;
    } catch {
        return (await aws.secrets.send(new CreateSecretCommand({ Name: name, SecretString: value }))).ARN!;
    }
}

export async function provisionAws(graph: ResourceGraph, aws: LocalAws, replacements: Replacements): Promise<ProvisionedAws> {
    const stack = graph.config.stack;
    const provisioned: ProvisionedAws = { buckets: [], queues: [], tables: [], streams: [] };
    for (const resource of ofType(graph, "aws:s3/bucket:Bucket")) {
        const name = localName(stack, resource.name);
        await ensureBucket(aws, name);
        replacements.add(resource.outputs.id, name);
        replacements.add(resource.outputs.bucket, name);
        replacements.add(resource.outputs.arn, `arn:aws:s3:::${name}`);
        provisioned.buckets.push({ resource, name });
    }
    for (const resource of ofType(graph, "aws:sqs/queue:Queue")) {
        const local = await ensureQueue(aws, localName(stack, resource.name));
        replacements.add(resource.outputs.url, local.url);
        replacements.add(resource.outputs.arn, local.arn);
        replacements.queueUrls.set(local.arn, local.url);
        provisioned.queues.push({ resource, ...local });
    }
    for (const resource of ofType(graph, "aws:dynamodb/table:Table")) {
        const name = localName(stack, resource.name);
        const streamArn = await ensureTable(aws, name, resource.inputs as TableInputs);
        replacements.add(resource.outputs.name, name);
        replacements.add(resource.outputs.id, name);
        replacements.add(resource.outputs.arn, `arn:aws:dynamodb:${aws.settings.region}:123456789012:table/${name}`);
        if (streamArn) {
            replacements.add(resource.outputs.streamArn, streamArn);
        }
        provisioned.tables.push({ resource, name, streamArn });
    }
    for (const resource of ofType(graph, "aws:kinesis/stream:Stream")) {
        const name = localName(stack, resource.name);
        const arn = await ensureStream(aws, name, Number(resource.inputs.shardCount ?? 1));
        replacements.add(resource.outputs.name, name);
        replacements.add(resource.outputs.arn, arn);
        provisioned.streams.push({ resource, name, arn });
    }
    return provisioned;
}
