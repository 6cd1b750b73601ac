// Secure defaults for DynamoDB tables.
import * as pulumi from "@pulumi/pulumi";

/** On-demand, point-in-time recovery and the platform key; a stream when asked for. */
export function dynamoTableSettings(kmsKeyArn: pulumi.Input<string>, deletionProtection: boolean) {
    return {
        billingMode: "PAY_PER_REQUEST",
        pointInTimeRecovery: { enabled: true },
        serverSideEncryption: { enabled: true, kmsKeyArn },
        deletionProtectionEnabled: deletionProtection,
    };
}

/** A stream that carries old and new images, as mirrors and audits need. */
export const fullImageStream = { streamEnabled: true, streamViewType: "NEW_AND_OLD_IMAGES" } as const;
