// Tier 3: the runtime's secret cache and client factories against moto.
import { expect } from "chai";
import { CreateBucketCommand, PutObjectCommand } from "@aws-sdk/client-s3";
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { randomUUID } from "crypto";
import { s3Client, secretsManagerClient } from "../../../functions/runtime/aws-clients";
import { cachedSecret } from "../../../functions/runtime/secret-cache";
import { awsClientConfig, motoEnvironment, requireService } from "../../support/services";

/** Runs `body` with the process environment pointing the SDK at moto, as a function's would. */
async function withMotoEnvironment<T>(body: () => Promise<T>): Promise<T> {
    const saved = { ...process.env };
    Object.assign(process.env, motoEnvironment());
    try {
        return await body();
    } finally {
        for (const key of Object.keys(process.env)) {
            if (!(key in saved)) {
                delete process.env[key];
            }
        }
        Object.assign(process.env, saved);
    }
}

describe("runtime: AWS clients and secret cache (tier 3: moto)", function () {
    this.timeout(30_000);
    let secrets: SecretsManagerClient;
    before(async () => {
        await requireService("moto");
        secrets = new SecretsManagerClient(awsClientConfig());
    });

    it("builds clients that honour AWS_ENDPOINT_URL (S3 path-style)", async () => {
        await withMotoEnvironment(async () => {
            const s3 = s3Client();
            expect(await s3.config.forcePathStyle).to.equal(true);
            const bucket = `runtime-${randomUUID()}`;
            await s3.send(new CreateBucketCommand({ Bucket: bucket }));
            const put = await s3.send(new PutObjectCommand({ Bucket: bucket, Key: "a b.txt", Body: "x" }));
            expect(put.$metadata.httpStatusCode).to.equal(200);
            const created = await secretsManagerClient({ maxAttempts: 1 }).send(
                new CreateSecretCommand({ Name: `runtime-${randomUUID()}`, SecretString: "v" }),
            );
            expect(created.ARN).to.match(/^arn:aws:secretsmanager:/);
        });
        expect(await s3Client({}, {}).config.forcePathStyle).to.equal(false);
    });

    it("keeps a secret until its time to live passes or a refresh is asked for", async () => {
        const created = await secrets.send(new CreateSecretCommand({ Name: `ttl-${randomUUID()}`, SecretString: "first" }));
        let clock = 0;
        const read = cachedSecret(secrets, created.ARN!, { timeoutMs: 3000, ttlMs: 1000, now: () => clock });
        expect(await read()).to.equal("first");
        await secrets.send(new PutSecretValueCommand({ SecretId: created.ARN!, SecretString: "second" }));
        clock = 999;
        expect(await read()).to.equal("first");
        clock = 1000;
        expect(await read()).to.equal("second");
        await secrets.send(new PutSecretValueCommand({ SecretId: created.ARN!, SecretString: "third" }));
        expect(await read(true)).to.equal("third");
    });

    it("does not keep a failed read", async () => {
        const read = cachedSecret(secrets, `missing-${randomUUID()}`, { timeoutMs: 3000 });
        const failure = await read().catch((error: Error) => error);
        expect(failure).to.be.instanceOf(Error);
        const again = await read().catch((error: Error) => error);
        expect(again).to.be.instanceOf(Error);
        expect(again).to.not.equal(failure);
    });
});
