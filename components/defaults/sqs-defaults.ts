// Secure defaults for SQS queues (failure destinations and dead-letter queues).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { denyInsecureTransportPolicy } from "../iam";

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
