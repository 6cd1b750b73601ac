// Tier 3: the per-container Redis connection against the real Redis (TLS + AUTH), with the AUTH
// token read from Secrets Manager (moto).
import { expect } from "chai";
import { CreateSecretCommand, PutSecretValueCommand, SecretsManagerClient } from "@aws-sdk/client-secrets-manager";
import { randomUUID } from "crypto";
import { cachedSecret } from "../../../functions/runtime/secret-cache";
import { failureOf, whilePaused, whileStopped } from "../../support/service-control";
import { awsClientConfig, requireService, settingsFor } from "../../support/services";
import { localRedis } from "./local-dependencies";

describe("Redis connection (tier 3: real Redis with TLS + AUTH, token in Secrets Manager)", function () {
    this.timeout(60_000);
    let secrets: SecretsManagerClient;

    const secretHolding = async (token: string): Promise<string> => {
        const created = await secrets.send(new CreateSecretCommand({ Name: `redis-auth-${randomUUID()}`, SecretString: token }));
        return created.ARN!;
    };
    const setSecret = (arn: string, token: string) => secrets.send(new PutSecretValueCommand({ SecretId: arn, SecretString: token }));

    before(async () => {
        await requireService("redis", "moto");
        secrets = new SecretsManagerClient(awsClientConfig());
    });

    it("connects over TLS with the token from Secrets Manager, read once per container", async () => {
        const arn = await secretHolding(settingsFor("redis").password);
        const token = cachedSecret(secrets, arn, { timeoutMs: 2000 });
        const redis = localRedis({ authToken: token });
        expect(await redis.use(client => client.ping())).to.equal("PONG");
        // The secret changes; the container keeps the token it read, even for a new connection.
        await setSecret(arn, "changed-after-first-read");
        await redis.close();
        expect(await redis.use(client => client.ping())).to.equal("PONG");
        await redis.close();
    });

    it("reads the secret again when Redis refuses the cached token (the token was rotated)", async () => {
        const arn = await secretHolding("token-before-rotation");
        const redis = localRedis({ authToken: cachedSecret(secrets, arn, { timeoutMs: 2000 }) });
        expect((await failureOf(redis.use(client => client.ping())))?.message).to.match(/WRONGPASS|invalid password/);
        await setSecret(arn, settingsFor("redis").password);
        expect(await redis.use(client => client.ping())).to.equal("PONG");
        await redis.close();
    });

    it("refuses a server whose certificate does not chain to a trusted CA", async () => {
        const redis = localRedis({ tls: undefined });
        expect((await failureOf(redis.use(client => client.ping())))?.message).to.match(/self[- ]signed certificate/);
    });

    it("opens a new connection on the next use after Redis restarts", async () => {
        const redis = localRedis();
        expect(await redis.use(client => client.ping())).to.equal("PONG");
        await whileStopped("redis", async () => {
            expect(await failureOf(redis.use(client => client.ping()))).to.be.instanceOf(Error);
        });
        expect(await redis.use(client => client.ping())).to.equal("PONG");
        await redis.close();
    });

    it("gives up within its deadline when Redis stops answering", async () => {
        const redis = localRedis({ operationTimeoutMs: 300, connectTimeoutMs: 300 });
        expect(await redis.use(client => client.ping())).to.equal("PONG");
        await whilePaused("redis", async () => {
            const started = Date.now();
            const failure = await failureOf(redis.use(client => client.ping()));
            expect(failure?.name).to.be.oneOf(["TimeoutError", "DeadlineExceeded"]);
            expect(Date.now() - started).to.be.lessThan(1500);
        });
        expect(await redis.use(client => client.ping())).to.equal("PONG");
        await redis.close();
    });
});
