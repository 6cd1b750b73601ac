// Tier 4 needs the exact S3 event moto builds: a bucket's notifications routed to an SQS queue,
// with the key filter the component deploys.
import { FilterRule, PutBucketNotificationConfigurationCommand, S3Client } from "@aws-sdk/client-s3";
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from "@aws-sdk/client-sqs";
import { awsClientConfig, s3ClientConfig } from "./services";

export interface KeyFilter {
    prefix: string;
    suffix?: string;
}

/** Creates the queue and points the bucket's ObjectCreated notifications at it. */
export async function s3EventsToQueue(bucket: string, queueName: string, filter: KeyFilter): Promise<{ sqs: SQSClient; queueUrl: string }> {
    const sqs = new SQSClient(awsClientConfig());
    const queue = await sqs.send(new CreateQueueCommand({ QueueName: queueName }));
    const attributes = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ["QueueArn"] }));
    const rules: FilterRule[] = [{ Name: "prefix", Value: filter.prefix }];
    if (filter.suffix !== undefined) rules.push({ Name: "suffix", Value: filter.suffix });
    await new S3Client(s3ClientConfig()).send(
        new PutBucketNotificationConfigurationCommand({
            Bucket: bucket,
            NotificationConfiguration: {
                QueueConfigurations: [
                    { QueueArn: attributes.Attributes!.QueueArn, Events: ["s3:ObjectCreated:*"], Filter: { Key: { FilterRules: rules } } },
                ],
            },
        }),
    );
    return { sqs, queueUrl: queue.QueueUrl! };
}
