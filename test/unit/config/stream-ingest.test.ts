// Tier 1: the stream* keys: defaults, the dev and prod stack values, validation, and the Args.
import { expect } from "chai";
import * as path from "path";
import { ConfigError } from "../../../config/platform-config";
import { parseStreamIngestSettings, streamIngestArgs, streamIngestDefaults } from "../../../config/stream-ingest";
import { loadStackConfig } from "../../../scripts/plan/stack-config";

const reader = (values: Record<string, string>) => (key: string) => values[key];
const stackValues = (stack: string) => {
    const { values } = loadStackConfig(path.resolve(__dirname, "..", "..", ".."), stack);
    return (key: string) => values[`data-platform:${key}`];
};

describe("StreamIngest config", () => {
    it("defaults to on-demand capacity and the largest archive buffers", () => {
        expect(parseStreamIngestSettings(reader({}))).to.deep.equal(streamIngestDefaults);
        expect(streamIngestDefaults).to.include({ streamMode: "ON_DEMAND", streamArchiveBufferMb: 128, streamArchiveBufferSeconds: 900 });
    });

    it("reads dev as a small provisioned stream and prod as on demand, from the stack files", () => {
        expect(parseStreamIngestSettings(stackValues("dev"))).to.include({ streamMode: "PROVISIONED", streamShardCount: 1 });
        expect(parseStreamIngestSettings(stackValues("prod"))).to.include({ streamMode: "ON_DEMAND" });
    });

    it("names the key and the allowed range when a value is bad", () => {
        const bad: [Record<string, string>, RegExp][] = [
            [{ streamMode: "SOMETIMES" }, /streamMode/],
            [{ streamRetentionHours: "12" }, /streamRetentionHours/],
            [{ streamArchiveBufferMb: "256" }, /streamArchiveBufferMb/],
            [{ streamArchiveBufferSeconds: "1.5" }, /streamArchiveBufferSeconds/],
            [{ streamShardCount: "0" }, /streamShardCount/],
        ];
        for (const [values, message] of bad) {
            expect(() => parseStreamIngestSettings(reader(values))).to.throw(ConfigError, message);
        }
    });

    it("shapes the component's Args (nested API limits and archive buffers)", () => {
        const args = streamIngestArgs({ ...streamIngestDefaults, streamApiRateLimit: 7, streamArchiveBufferSeconds: 60 });
        expect(args.api).to.deep.include({ rateLimit: 7 });
        expect(args.archive).to.deep.include({ bufferIntervalSeconds: 60, bufferSizeMb: 128 });
    });
});
