// A platform (key, alarm topic, private network) built under mocks, for component tests: the same
// assembly as the program's (components/platform.ts).
import { buildPlatform } from "../../components/platform";
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
    const {
        core,
        network: vpc,
        context,
    } = buildPlatform(
        { core: `${prefix}-core`, network: `${prefix}-net` },
        { accountId: mockAccountId, region: mockRegion, logRetentionInDays: 30, deletionProtection: false, network },
    );
    return { core, network: vpc, platform: context };
}
