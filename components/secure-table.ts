// A DynamoDB table as every pipeline gets it: on-demand, point-in-time recovery, the platform key,
// deletion protection (and `protect`) as the stack says, optionally a stream of old and new images.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { dynamoTableSettings, fullImageStream } from "./defaults/dynamodb-defaults";
import type { PlatformContext } from "./platform-context";

export interface SecureTableArgs {
    platform: Pick<PlatformContext, "encryptionKey" | "deletionProtection">;
    /** The partition key (a string attribute). */
    hashKey: string;
    /** An optional sort key (a string attribute). */
    rangeKey?: string;
    /** Publish a stream of new and old images. Default false. */
    stream?: boolean;
    tags?: Record<string, string>;
}

export function secureTable(name: string, args: SecureTableArgs, opts: pulumi.CustomResourceOptions): aws.dynamodb.Table {
    const keys = [args.hashKey, ...(args.rangeKey === undefined ? [] : [args.rangeKey])];
    return new aws.dynamodb.Table(
        name,
        {
            ...dynamoTableSettings(args.platform.encryptionKey.arn, args.platform.deletionProtection),
            ...(args.stream ? fullImageStream : {}),
            hashKey: args.hashKey,
            ...(args.rangeKey === undefined ? {} : { rangeKey: args.rangeKey }),
            attributes: keys.map(key => ({ name: key, type: "S" })),
            tags: args.tags,
        },
        { ...opts, protect: args.platform.deletionProtection },
    );
}
