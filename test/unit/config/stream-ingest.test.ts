// Tier 1: the stream* keys: defaults, validation, and the Args they become.
import { expect } from "chai";
import * as path from "path";
import { ConfigError } from "../../../config/platform-config";
import { parseStreamIngestConfig, streamIngestConfigDefaults, StreamIngestConfig } from "../../../config/stream-ingest";
import { loadStackConfig } from "../../../scripts/plan/stack-config";

const reader = (values: Partial<Record<keyof StreamIngestConfig, string>>) => (key: keyof StreamIngestConfig) => values[key];
const stackValues = (stack: string) => {
    const { values } = loadStackConfig(path.resolve(__dirname, "..", "..", ".."), stack);
    return (key: keyof StreamIngestConfig) => values[`data-platform:${key}`];
};

describe("StreamIngest config", () => {
    it("defaults to on-demand capacity and the largest archive buffers", () => {
        expect(parseStreamIngestConfig(reader({}))).to.deep.equal(streamIngestConfigDefaults);
        expect(streamIngestConfigDefaults).to.include({
            streamMode: "ON_DEMAND",
            streamArchiveBufferMb: 128,
            streamArchiveBufferSeconds: 900,
        });
    });

    it("reads dev as a small provisioned stream and prod as on demand, from the stack files", () => {
        expect(parseStreamIngestConfig(stackValues("dev"))).to.include({ streamMode: "PROVISIONED", streamShardCount: 1 });
        expect(parseStreamIngestConfig(stackValues("prod"))).to.include({ streamMode: "ON_DEMAND" });
    });

    it("names the key and the allowed range when a value is bad", () => {
        const bad: [Partial<Record<keyof StreamIngestConfig, string>>, RegExp][] = [
            [{ streamMode: "SOMETIMES" }, /streamMode must be one of ON_DEMAND, PROVISIONED/],
            [{ streamRetentionHours: "12" }, /streamRetentionHours must be an integer from 24 to 8760/],
            [{ streamArchiveBufferMb: "256" }, /streamArchiveBufferMb must be an integer from 1 to 128/],
            [{ streamArchiveBufferSeconds: "1.5" }, /streamArchiveBufferSeconds/],
            [{ streamShardCount: "0" }, /streamShardCount/],
        ];
        for (const [values, message] of bad) {
            expect(() => parseStreamIngestConfig(reader(values))).to.throw(ConfigError, message);
        }
    });
});
