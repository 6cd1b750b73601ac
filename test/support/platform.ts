// A platform (key, alarm topic, private network) built under mocks, for component tests.
import { PlatformContext } from "../../components/platform-context";
import { PlatformCore } from "../../components/platform-core";
import { SecureVpc, SecureVpcArgs } from "../../components/secure-vpc";
import { mockAccountId, mockRegion } from "./pulumi";

export interface TestPlatform {
    platform: PlatformContext;
    core: PlatformCore;
    network: SecureVpc;
}

/** Names every resource after `prefix` so that tests in one process never collide. */
export function testPlatform(prefix: string, network: Partial<SecureVpcArgs> = {}): TestPlatform {
    const core = new PlatformCore(`${prefix}-core`, { accountId: mockAccountId, region: mockRegion });
    const vpc = new SecureVpc(`${prefix}-net`, {
        region: mockRegion,
        accountId: mockAccountId,
        encryptionKey: core.encryptionKey,
        flowLogRetentionInDays: 30,
        ...network,
    });
    return {
        core,
        network: vpc,
        platform: {
            accountId: mockAccountId,
            region: mockRegion,
            encryptionKey: core.encryptionKey,
            alarmTopicArn: core.alarmTopic.arn,
            logRetentionInDays: 30,
            deletionProtection: false,
            network: vpc,
        },
    };
}
