// The platform every pipeline builds on (key, alarm topic, private network) assembled in one place:
// the program and the component tests both call this.
import * as pulumi from "@pulumi/pulumi";
import type { PlatformContext } from "./platform-context";
import { PlatformCore, PlatformCoreArgs } from "./platform-core";
import { SecureVpc, SecureVpcArgs } from "./secure-vpc";

export interface PlatformArgs {
    accountId: pulumi.Input<string>;
    region: string;
    logRetentionInDays: number;
    deletionProtection: boolean;
    core?: Partial<Pick<PlatformCoreArgs, "alarmEmails">>;
    network?: Partial<Omit<SecureVpcArgs, "region" | "accountId" | "encryptionKey" | "flowLogRetentionInDays">>;
}

export interface Platform {
    core: PlatformCore;
    network: SecureVpc;
    context: PlatformContext;
}

/** The core (`${prefix}` names as given) and the network, and the context pipelines receive. */
export function buildPlatform(
    names: { core: string; network: string },
    args: PlatformArgs,
    opts?: pulumi.ComponentResourceOptions,
): Platform {
    const core = new PlatformCore(
        names.core,
        { accountId: args.accountId, region: args.region, protectKey: args.deletionProtection, ...args.core },
        opts,
    );
    const network = new SecureVpc(
        names.network,
        {
            region: args.region,
            accountId: args.accountId,
            encryptionKey: core.encryptionKey,
            flowLogRetentionInDays: args.logRetentionInDays,
            ...args.network,
        },
        opts,
    );
    return {
        core,
        network,
        context: {
            accountId: args.accountId,
            region: args.region,
            encryptionKey: core.encryptionKey,
            alarmTopicArn: core.alarmTopic.arn,
            logRetentionInDays: args.logRetentionInDays,
            deletionProtection: args.deletionProtection,
            network,
        },
    };
}
