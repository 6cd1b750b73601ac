// AWS SDK clients as the Lambdas create them: once per container, region and endpoint from the
// environment. A custom endpoint (AWS_ENDPOINT_URL, as local emulators need) also switches S3 to
// path-style addressing, since bucket subdomains of 127.0.0.1 do not resolve.
import { S3Client } from "@aws-sdk/client-s3";

export function s3Client(): S3Client {
    return new S3Client({ forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL) });
}
