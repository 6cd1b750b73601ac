import { expect } from "chai";
import { searchAndCacheArgs, searchAndCacheDefaults } from "../../../config/search-and-cache";
import { ConfigError, configDefaults, parsePlatformConfig, PlatformConfig, searchZoneCount } from "../../../config/platform-config";

const parse = (values: Partial<Record<keyof PlatformConfig, string>>) => parsePlatformConfig(key => values[key as keyof PlatformConfig]);

describe("platform config: SearchAndCache keys", () => {
    it("defaults to a small, single-AZ development setup", () => {
        expect(parse({})).to.deep.include({
            manageAccountSettings: false,
            searchSchedule: "rate(5 minutes)",
            searchRecordsPerRun: 10,
            searchInstanceCount: 1,
            searchZoneAwareness: false,
            cacheReplicas: 0,
            cacheSnapshotRetentionDays: 0,
        });
        expect(searchZoneCount(configDefaults)).to.equal(1);
    });

    it("reads production values and derives the AZs the domain spans", () => {
        const config = parse({
            searchZoneAwareness: "true",
            searchInstanceCount: "3",
            searchDedicatedMasters: "true",
            cacheReplicas: "2",
            searchSchedule: "cron(0/5 * * * ? *)",
        });
        expect(searchZoneCount(config)).to.equal(3);
        expect(searchZoneCount({ searchZoneAwareness: true, searchInstanceCount: 4 })).to.equal(2);
        expect(config.searchSchedule).to.equal("cron(0/5 * * * ? *)");
    });

    it("refuses values AWS would refuse, naming the key", () => {
        const refused: [Partial<Record<keyof PlatformConfig, string>>, RegExp][] = [
            [{ searchSchedule: "every 5 minutes" }, /^searchSchedule must be an EventBridge schedule/],
            [{ searchSchedule: "rate(0 minutes)" }, /^searchSchedule/],
            [{ searchRecordsPerRun: "0" }, /^searchRecordsPerRun must be an integer from 1 to 1000/],
            [{ searchInstanceType: "t3.small.elasticsearch" }, /^searchInstanceType must be an OpenSearch instance type/],
            [{ cacheNodeType: "t4g.micro" }, /^cacheNodeType must be an ElastiCache node type/],
            [{ cacheReplicas: "6" }, /^cacheReplicas must be an integer from 0 to 5/],
            [{ cacheTtlSeconds: "10" }, /^cacheTtlSeconds must be an integer from 60/],
            [{ searchZoneAwareness: "true" }, /^searchZoneAwareness needs searchInstanceCount to be a multiple of 2 or 3 \(got 1\)/],
            [{ searchZoneAwareness: "true", searchInstanceCount: "5" }, /multiple of 2 or 3 \(got 5\)/],
            [
                { searchZoneAwareness: "true", searchInstanceCount: "3", azCount: "2", endpointAzCount: "1" },
                /needs azCount of at least 3 \(got 2\)/,
            ],
        ];
        for (const [values, message] of refused) {
            expect(() => parse(values), JSON.stringify(values)).to.throw(ConfigError, message);
        }
    });
});

describe("config/search-and-cache: the component's Args", () => {
    it("nests search, cache and API settings, derives the zone count and names the domain after the stack", () => {
        const args = searchAndCacheArgs(
            { ...searchAndCacheDefaults, searchZoneAwareness: true, searchInstanceCount: 6, cacheTtlSeconds: 120 },
            "staging-with-a-very-long-name",
        );
        expect(args.search?.zoneCount).to.equal(3);
        expect(args.search?.instanceCount).to.equal(6);
        expect(args.cache?.ttlSeconds).to.equal(120);
        expect(args.api?.quotaPerDay).to.equal(searchAndCacheDefaults.apiQuotaPerDay);
        expect(args.domainName).to.equal("staging-with-a-very-long-nam");
    });
});
