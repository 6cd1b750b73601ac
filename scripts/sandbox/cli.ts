// `npm run sandbox -- put <file> [key] [--bucket <name>]`: drops a file into a sandbox bucket
// (default: the first bucket, key `data/<file name>`), as `aws s3 cp` against the local endpoint would.
import * as fs from "fs";
import * as path from "path";
import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { readEndpoints } from "./endpoints-file";

const usage = "usage: npm run sandbox -- put <file> [key] [--bucket <name>]";

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

async function main(argv: string[]): Promise<number> {
    if (argv[0] === "put") {
        return put(argv.slice(1));
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
