// The local Firehose's object prefix: Firehose's timestamp namespaces filled in from the arrival time, in UTC.
import { expect } from "chai";
import { archiveObjectPrefix } from "../../../components/defaults/stream-ingest-defaults";
import { expandPrefix } from "../../../scripts/sandbox/triggers/firehose-archive";

describe("sandbox Firehose archive", () => {
    it("fills year, month, day and hour of the arrival time (UTC, zero-padded) into StreamIngest's prefix", () => {
        const prefix = expandPrefix(archiveObjectPrefix, new Date("2026-03-04T05:06:07+02:00"));
        expect(prefix).to.equal("raw/events/year=2026/month=03/day=04/hour=03/");
    });

    it("leaves a prefix without timestamp namespaces as it is", () => {
        expect(expandPrefix("raw/plain/", new Date())).to.equal("raw/plain/");
    });
});
