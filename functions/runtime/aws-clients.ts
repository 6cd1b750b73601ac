// AWS SDK clients as the functions create them: once per container, region and credentials from
// the environment. The SDK itself honours AWS_ENDPOINT_URL (and AWS_ENDPOINT_URL_<SERVICE>), as local
// emulators need; a custom endpoint also switches S3 to path-style addressing, since bucket
// subdomains of 127.0.0.1 do not resolve.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { NodeHttpHandler } from "@smithy/node-http-handler";

/** Timeouts a function sets on its own calls, so that a stalled service fails fast. */
export interface ClientTimeouts {
    maxAttempts?: number;
    connectionTimeoutMs?: number;
    requestTimeoutMs?: number;
}

function clientOptions(timeouts: ClientTimeouts) {
    return {
        ...(timeouts.maxAttempts === undefined ? {} : { maxAttempts: timeouts.maxAttempts }),
        ...(timeouts.connectionTimeoutMs === undefined && timeouts.requestTimeoutMs === undefined
            ? {}
            : { requestHandler: { connectionTimeout: timeouts.connectionTimeoutMs, requestTimeout: timeouts.requestTimeoutMs } }),
    };
}

function customEndpoint(env: NodeJS.ProcessEnv, service: string): boolean {
    return Boolean(env.AWS_ENDPOINT_URL || env[`AWS_ENDPOINT_URL_${service}`]);
}

export function s3Client(timeouts: ClientTimeouts = {}, env: NodeJS.ProcessEnv = process.env): S3Client {
    return new S3Client({ ...clientOptions(timeouts), forcePathStyle: customEndpoint(env, "S3") });
}

export function secretsManagerClient(timeouts: ClientTimeouts = {}): SecretsManagerClient {
    return new SecretsManagerClient(clientOptions(timeouts));
}

export function dynamoDbClient(timeouts: ClientTimeouts = {}): DynamoDBClient {
    return new DynamoDBClient(clientOptions(timeouts));
}

/**
 * Kinesis over HTTP/1.1: the client's default HTTP/2 handler is only needed for SubscribeToShard
 * (enhanced fan-out), and local emulators speak HTTP/1.1 only.
 */
export function kinesisClient(timeouts: ClientTimeouts = {}): KinesisClient {
    const { requestHandler: _options, ...options } = clientOptions(timeouts);
    return new KinesisClient({
        ...options,
        requestHandler: new NodeHttpHandler({ connectionTimeout: timeouts.connectionTimeoutMs, requestTimeout: timeouts.requestTimeoutMs }),
    });
}
