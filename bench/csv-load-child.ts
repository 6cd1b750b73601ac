// Child process of the benchmark: runs the CsvToPostgres handler once on an object already in
// moto S3 and reports the peak resident memory of this process (what a Lambda container pays).
import { existsSync, readFileSync } from "fs";
import { S3Client } from "@aws-sdk/client-s3";
import { Client } from "pg";
import { handleS3Event } from "../functions/csv-to-postgres/handler";
import { csvToPostgresDefaults } from "../components/defaults/csv-to-postgres-defaults";
import { postgresConfig, s3ClientConfig } from "../test/support/services";

/**
 * Peak resident memory of this process image. On Linux it is VmHWM: getrusage's maxRSS survives
 * exec, so a child forked from a large parent would report the parent's size.
 */
function peakRssMb(): number {
    if (existsSync("/proc/self/status")) {
        const match = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"));
        if (match !== null) {
            return Number(match[1]) / 1024;
        }
    }
    return process.resourceUsage().maxRSS / 1024;
}

async function main(): Promise<void> {
    const [bucket, key, size] = process.argv.slice(2);
    const client = new Client(postgresConfig());
    await client.connect();
    const rssBefore = process.memoryUsage().rss;
    // Where the memory is, sampled: V8's heap, or buffers outside it.
    const peaks = { heapTotalMb: 0, externalMb: 0 };
    const sampler = setInterval(() => {
        const usage = process.memoryUsage();
        peaks.heapTotalMb = Math.max(peaks.heapTotalMb, usage.heapTotal / 2 ** 20);
        peaks.externalMb = Math.max(peaks.externalMb, usage.external / 2 ** 20);
    }, 50);
    const started = process.hrtime.bigint();
    const event = {
        Records: [{ s3: { bucket: { name: bucket }, object: { key: encodeURIComponent(key).replace(/%2F/g, "/"), size: Number(size) } } }],
    } as unknown as import("aws-lambda").S3Event;
    const [outcome] = await handleS3Event(
        event,
        { s3: new S3Client(s3ClientConfig()), connection: async () => client, log: { info: () => undefined, warn: () => undefined } },
        {
            prefix: "data/",
            rejectedPrefix: "rejected/",
            maxFileBytes: 4 * 1024 * 1024 * 1024,
            load: { ...csvToPostgresDefaults.load, keyColumns: [...csvToPostgresDefaults.keyColumns] },
        },
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);

    await client.end();
    process.stdout.write(JSON.stringify({ outcome, seconds, rssBeforeMb: rssBefore / 2 ** 20, peakRssMb: peakRssMb(), ...peaks }));
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
