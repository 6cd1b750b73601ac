// Secure defaults for SQS queues (failure destinations and dead-letter queues).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransportPolicy, denyInsecureTransportStatement } from "../iam";

/** Keep failed events the longest SQS allows, so an operator has time to replay them. */
export const failureQueueRetentionSeconds = 14 * 24 * 60 * 60;

/** A queue encrypted with the platform key; the data key is reused for five minutes. */
export function encryptedQueueArgs(key: aws.kms.Key): aws.sqs.QueueArgs {
    return {
        kmsMasterKeyId: key.arn,
        kmsDataKeyReusePeriodSeconds: 300,
        messageRetentionSeconds: failureQueueRetentionSeconds,
    };
}

/** Queue policy that refuses any request not made over TLS. */
export function tlsOnlyQueuePolicy(queueArn: pulumi.Input<string>): aws.iam.PolicyDocument {
    return denyInsecureTransportPolicy("sqs:*", queueArn);
}

/** TLS-only queue policy that lets one AWS service send messages on behalf of one source (e.g. a rule's DLQ). */
export function serviceSendsQueuePolicy(
    queueArn: pulumi.Input<string>,
    service: string,
    sourceArn: pulumi.Input<string>,
): aws.iam.PolicyDocument {
    return {
        Version: "2012-10-17",
        Statement: [
            {
                Sid: "OneSourceSends",
                Effect: "Allow",
                Principal: { Service: service },
                Action: "sqs:SendMessage",
                Resource: queueArn,
                Condition: { ArnEquals: { "aws:SourceArn": sourceArn } },
            },
            denyInsecureTransportStatement("sqs:*", queueArn),
        ],
    } as unknown as aws.iam.PolicyDocument;
}
