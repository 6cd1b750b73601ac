// Reading a DynamoDB or Kinesis stream shard by shard from moto, and turning its records into the
// records Lambda's event source mapping hands a function.
import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand, ShardIteratorType } from "@aws-sdk/client-dynamodb-streams";
import {
    GetRecordsCommand as GetKinesisRecordsCommand,
    GetShardIteratorCommand as GetKinesisIteratorCommand,
    ListShardsCommand,
} from "@aws-sdk/client-kinesis";
import { LocalAws } from "../aws-local";

/** One record as the function receives it, with what the mapping needs to track it. */
export interface StreamRecord {
    sequenceNumber: string;
    arrivedAt: number;
    event: Record<string, unknown>;
}

export interface ShardReader {
    shardId: string;
    /** The next records (possibly none). */
    read(): Promise<StreamRecord[]>;
}

export interface StreamSource {
    source: "dynamodb" | "kinesis";
    arn: string;
    shards(): Promise<ShardReader[]>;
}

export function dynamodbSource(aws: LocalAws, streamArn: string, startingPosition: string): StreamSource {
    return {
        source: "dynamodb",
        arn: streamArn,
        async shards() {
            const description = await aws.streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
            return (description.StreamDescription?.Shards ?? []).map(shard => {
                let iterator: string | undefined;
                return {
                    shardId: shard.ShardId!,
                    async read() {
                        iterator ??= (
                            await aws.streams.send(
                                new GetShardIteratorCommand({
                                    StreamArn: streamArn,
                                    ShardId: shard.ShardId!,
                                    ShardIteratorType: startingPosition as ShardIteratorType,
                                }),
                            )
                        ).ShardIterator;
                        const page = await aws.streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
                        iterator = page.NextShardIterator ?? iterator;
                        return (page.Records ?? []).map(record => {
                            const arrivedAt = record.dynamodb?.ApproximateCreationDateTime?.getTime() ?? Date.now();
                            return {
                                sequenceNumber: record.dynamodb!.SequenceNumber!,
                                arrivedAt,
                                event: {
                                    eventID: record.eventID,
                                    eventName: record.eventName,
                                    eventVersion: record.eventVersion ?? "1.1",
                                    eventSource: "aws:dynamodb",
                                    awsRegion: record.awsRegion ?? aws.settings.region,
                                    dynamodb: { ...record.dynamodb, ApproximateCreationDateTime: Math.floor(arrivedAt / 1000) },
                                    eventSourceARN: streamArn,
                                },
                            };
                        });
                    },
                };
            });
        },
    };
}

export function kinesisSource(aws: LocalAws, streamArn: string, startingPosition: string): StreamSource {
    return {
        source: "kinesis",
        arn: streamArn,
        async shards() {
            const { Shards } = await aws.kinesis.send(new ListShardsCommand({ StreamARN: streamArn }));
            return (Shards ?? []).map(shard => {
                let iterator: string | undefined;
                return {
                    shardId: shard.ShardId!,
                    async read() {
                        iterator ??= (
                            await aws.kinesis.send(
                                new GetKinesisIteratorCommand({
                                    StreamARN: streamArn,
                                    ShardId: shard.ShardId!,
                                    ShardIteratorType: startingPosition as ShardIteratorType,
                                }),
                            )
                        ).ShardIterator;
                        const page = await aws.kinesis.send(
                            new GetKinesisRecordsCommand({ ShardIterator: iterator, StreamARN: streamArn }),
                        );
                        iterator = page.NextShardIterator ?? iterator;
                        return (page.Records ?? []).map(record => {
                            const arrivedAt = record.ApproximateArrivalTimestamp?.getTime() ?? Date.now();
                            return {
                                sequenceNumber: record.SequenceNumber!,
                                arrivedAt,
                                event: {
                                    kinesis: {
                                        kinesisSchemaVersion: "1.0",
                                        partitionKey: record.PartitionKey,
                                        sequenceNumber: record.SequenceNumber,
                                        data: Buffer.from(record.Data ?? new Uint8Array()).toString("base64"),
                                        approximateArrivalTimestamp: arrivedAt / 1000,
                                    },
                                    eventSource: "aws:kinesis",
                                    eventVersion: "1.0",
                                    eventID: `${shard.ShardId}:${record.SequenceNumber}`,
                                    eventName: "aws:kinesis:record",
                                    awsRegion: aws.settings.region,
                                    eventSourceARN: streamArn,
                                },
                            };
                        });
                    },
                };
            });
        },
    };
}
