// AWS SDK v3 clients of the sandbox itself, pointed at the local moto server.
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { KinesisClient } from "@aws-sdk/client-kinesis";
import { S3Client } from "@aws-sdk/client-s3";
import { SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { SQSClient } from "@aws-sdk/client-sqs";
import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { MotoSettings } from "../../test/support/services";

export interface LocalAws {
    settings: MotoSettings;
    s3: S3Client;
    sqs: SQSClient;
    dynamodb: DynamoDBClient;
    streams: DynamoDBStreamsClient;
    kinesis: KinesisClient;
    secrets: SecretsManagerClient;
}

export function localAws(settings: MotoSettings): LocalAws {
    const config = {
        endpoint: settings.endpoint,
        region: settings.region,
        credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    };
    return {
        settings,
        s3: new S3Client({ ...config, forcePathStyle: true }),
        sqs: new SQSClient(config),
        dynamodb: new DynamoDBClient(config),
        streams: new DynamoDBStreamsClient(config),
        // Kinesis defaults to HTTP/2, which moto does not speak.
        kinesis: new KinesisClient({ ...config, requestHandler: new NodeHttpHandler() }),
        secrets: new SecretsManagerClient(config),
    };
}

/** Environment that points a function's SDK clients at moto (what the tier-4 tests set too). */
export function motoVariables(settings: MotoSettings): Record<string, string> {
    return {
        AWS_ENDPOINT_URL: settings.endpoint,
        AWS_REGION: settings.region,
        AWS_DEFAULT_REGION: settings.region,
        AWS_ACCESS_KEY_ID: settings.accessKeyId,
        AWS_SECRET_ACCESS_KEY: settings.secretAccessKey,
    };
}
