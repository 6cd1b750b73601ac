// Secure defaults for CloudWatch log groups.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** A log group encrypted with the platform key and with a finite retention. */
export function encryptedLogGroupArgs(key: aws.kms.Key, retentionInDays: number, name?: pulumi.Input<string>): aws.cloudwatch.LogGroupArgs {
    return { kmsKeyId: key.arn, retentionInDays, ...(name === undefined ? {} : { name }) };
}
