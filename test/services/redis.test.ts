import { randomUUID } from "node:crypto";

import { expect } from "chai";
import { createClient } from "redis";

import { redisOptions, requireService, settingsFor } from "../support/services";

type Options = ReturnType<typeof redisOptions>;

/** Connect with `options` and PING; resolves with the error that made it fail. */
async function failureOf(options: Options): Promise<Error> {
    const client = createClient(options);
    // Errors are also emitted as events; without a listener node-redis would rethrow them.
    client.on("error", () => undefined);
    try {
        await client.connect();
        await client.ping();
    } catch (err) {
        return err as Error;
    } finally {
        if (client.isOpen) client.destroy();
    }
    throw new Error("connection unexpectedly succeeded");
}

describe("local services: Redis over TLS with AUTH", function () {
    let client: ReturnType<typeof createClient>;
    const prefix = `smoke:${randomUUID()}:`;

    before(async function () {
        await requireService("redis");
        client = createClient(redisOptions());
        client.on("error", () => undefined);
        await client.connect();
    });

    after(async function () {
        if (client?.isOpen) {
            const keys = await client.keys(`${prefix}*`);
            if (keys.length > 0) await client.del(keys);
            client.destroy();
        }
    });

    it("answers PING and round-trips SET/GET with expiry", async function () {
        expect(await client.ping()).to.equal("PONG");
        const key = `${prefix}greeting`;
        expect(await client.set(key, "héllo, wörld", { EX: 60 })).to.equal("OK");
        expect(await client.get(key)).to.equal("héllo, wörld");
        const ttl = await client.ttl(key);
        expect(ttl).to.be.within(1, 60);
        expect(await client.incrBy(`${prefix}counter`, 5)).to.equal(5);
        expect(await client.incrBy(`${prefix}counter`, 2)).to.equal(7);
        expect(await client.get(`${prefix}missing`)).to.equal(null);
    });

    it("serves TLS only, with no persistence (ElastiCache-like)", async function () {
        const config = await client.configGet(["port", "tls-port", "save", "appendonly"]);
        expect(config).to.deep.equal({
            port: "0",
            "tls-port": String(settingsFor("redis").port),
            save: "",
            appendonly: "no",
        });
    });

    it("rejects a wrong password", async function () {
        const err = await failureOf(redisOptions({ password: "not-the-token" }));
        expect(err.message).to.match(/WRONGPASS/);
    });

    it("rejects a client that sends no password", async function () {
        const err = await failureOf(redisOptions({ password: undefined }));
        expect(err.message).to.match(/NOAUTH/);
    });

    it("rejects a client that does not trust the local CA", async function () {
        const options = redisOptions();
        const err = await failureOf({ ...options, socket: { ...options.socket, tls: true, ca: undefined } });
        expect(err.message).to.match(/certificate/i);
    });
});
