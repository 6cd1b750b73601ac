// Child process of the benchmark: runs the CsvToPostgres handler once on an object already in
// moto S3 and reports the peak resident memory of this process (what a Lambda container pays).
import { S3Client } from "@aws-sdk/client-s3";
import { Client } from "pg";
import { handleS3Event } from "../functions/csv-to-postgres/handler";
import { csvToPostgresDefaults } from "../components/defaults/csv-to-postgres-defaults";
import { postgresConfig, s3ClientConfig } from "../test/support/services";

async function main(): Promise<void> {
    const [bucket, key, size] = process.argv.slice(2);
    const client = new Client(postgresConfig());
    await client.connect();
    const rssBefore = process.memoryUsage().rss;
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
    await client.end();
    process.stdout.write(
        JSON.stringify({ outcome, seconds, rssBeforeMb: rssBefore / 2 ** 20, peakRssMb: process.resourceUsage().maxRSS / 1024 }),
    );
}

main().catch(error => {
    console.error(error);
    process.exit(1);
});
