import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SecureVpc } from "./secure-vpc";

/** What every pipeline component needs from the platform. index.ts builds it once per stack. */
export interface PlatformContext {
    /** Account the stack deploys into (used to scope permissions and trust policies). */
    accountId: pulumi.Input<string>;
    /** Region the stack deploys into. */
    region: string;
    /** Customer-managed key (with rotation) that encrypts every data store, queue and log group. */
    encryptionKey: aws.kms.Key;
    /** SNS topic every alarm notifies. */
    alarmTopicArn: pulumi.Input<string>;
    /** Retention of every log group. */
    logRetentionInDays: number;
    /** Deletion protection for data stores. */
    deletionProtection: boolean;
    /** The private network. */
    network: SecureVpc;
}
