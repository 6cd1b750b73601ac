// `npm run sandbox -- put <file> [key] [--bucket <name>]`: drops a file into a sandbox bucket
// (default: the first bucket, key `data/<file name>`), as `aws s3 cp` against the local endpoint would.
// `npm run sandbox -- warehouse-run [machine]`: runs a BatchWarehouse state machine now (default: each).
import * as fs from "fs";
import * as path from "path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { readEndpoints } from "./endpoints-file";
import { runWarehouse } from "./warehouse/run-request";

const usage = "usage: npm run sandbox -- put <file> [key] [--bucket <name>]\n       npm run sandbox -- warehouse-run [machine]";

async function put(args: string[]): Promise<number> {
    const bucketFlag = args.indexOf("--bucket");
    const bucketArg = bucketFlag >= 0 ? args[bucketFlag + 1] : undefined;
    const positional = args.filter((_, i) => bucketFlag < 0 || (i !== bucketFlag && i !== bucketFlag + 1));
    const [file, key] = positional;
    if (!file || positional.length > 2 || (bucketFlag >= 0 && !bucketArg)) {
        console.error(usage);
        return 2;
    }
    if (!fs.existsSync(file)) {
        console.error(`sandbox put: no file ${file}`);
        return 2;
    }
    const endpoints = readEndpoints();
    const bucket = bucketArg ?? endpoints.buckets[0]?.name;
    if (!bucket || !endpoints.buckets.some(b => b.name === bucket)) {
        console.error(`sandbox put: no bucket ${bucket ?? ""} (buckets: ${endpoints.buckets.map(b => b.name).join(", ")})`);
        return 2;
    }
    const objectKey = key ?? `data/${path.basename(file)}`;
    const s3 = new S3Client({
        endpoint: endpoints.awsEndpoint,
        region: endpoints.region,
        forcePathStyle: true,
        credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
    });
    const body = fs.readFileSync(file);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: objectKey, Body: body, ContentLength: body.length }));
    console.log(`put s3://${bucket}/${objectKey} (${body.length} bytes); watch it at ${endpoints.statusUrl}`);
    return 0;
}

async function warehouseRun(machine: string | undefined): Promise<number> {
    const endpoints = readEndpoints();
    const machines = machine ? [machine] : endpoints.warehouses.map(w => w.machine);
    if (machines.length === 0 || machines.some(m => !endpoints.warehouses.some(w => w.machine === m))) {
        console.error(
            `sandbox warehouse-run: no machine ${machine ?? ""} (machines: ${endpoints.warehouses.map(w => w.machine).join(", ")})`,
        );
        return 2;
    }
    let failed = 0;
    for (const name of machines) {
        const run = await runWarehouse(endpoints, name);
        console.log(`${name}: ${run.status}; ${run.tableRows ?? 0} rows in ${run.table}; ${run.detail}`);
        failed += run.status === "SUCCEEDED" ? 0 : 1;
    }
    return failed === 0 ? 0 : 1;
}

async function main(argv: string[]): Promise<number> {
    if (argv[0] === "put") {
        return put(argv.slice(1));
    }
    if (argv[0] === "warehouse-run" && argv.length <= 2) {
        return warehouseRun(argv[1]);
    }
    console.error(usage);
    return 2;
}

main(process.argv.slice(2)).then(
    code => process.exit(code),
    error => {
        console.error(`sandbox: ${(error as Error).message}`);
        process.exit(1);
    },
);
