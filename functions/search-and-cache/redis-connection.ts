// One Redis connection per Lambda container, opened on first use, reopened on demand after a
// failure, with a deadline on every operation. ElastiCache style: TLS and an AUTH token.
import { isIP } from "net";
import type { ConnectionOptions } from "tls";
import { createClient } from "redis";
import { withDeadline } from "./deadline";

export type RedisClient = ReturnType<typeof createClient>;

export interface RedisSettings {
    host: string;
    port: number;
    /** The AUTH token (cached by the caller); `refresh` asks for a fresh one after a refused AUTH. */
    authToken: (refresh: boolean) => Promise<string>;
    connectTimeoutMs: number;
    /** Deadline of each operation (a command or a pipeline). */
    operationTimeoutMs: number;
    /** Extra TLS settings (a private CA in tests; ElastiCache certificates are publicly trusted). */
    tls?: Pick<ConnectionOptions, "ca">;
}

export interface RedisConnection {
    /** Runs `operation` on a ready client within the operation deadline. */
    use<T>(operation: (client: RedisClient) => Promise<T>): Promise<T>;
    close(): Promise<void>;
}

function isAuthRefused(error: unknown): boolean {
    return error instanceof Error && /WRONGPASS|NOAUTH|invalid password/i.test(error.message);
}

export function redisConnection(settings: RedisSettings): RedisConnection {
    let current: Promise<RedisClient> | undefined;
    let refreshToken = false;

    const open = async (): Promise<RedisClient> => {
        const client = createClient({
            password: await settings.authToken(refreshToken),
            socket: {
                host: settings.host,
                port: settings.port,
                tls: true,
                // SNI takes host names only (RFC 6066); ElastiCache endpoints are names.
                ...(isIP(settings.host) === 0 ? { servername: settings.host } : {}),
                connectTimeout: settings.connectTimeoutMs,
                // A broken connection is replaced on the next use instead of reconnecting in the background.
                reconnectStrategy: false,
                ...settings.tls,
            },
            disableOfflineQueue: true,
            commandOptions: { timeout: settings.operationTimeoutMs },
        });
        // Failures reach callers through their commands; without a listener they would crash the
        // process. The first one is kept: a failed connect() itself only says "client is closed".
        let cause: unknown;
        client.on("error", error => {
            cause ??= error;
        });
        try {
            await client.connect();
        } catch (error) {
            const reason = cause ?? error;
            refreshToken = isAuthRefused(reason);
            if (client.isOpen) {
                client.destroy();
            }
            throw reason;
        }
        refreshToken = false;
        return client;
    };

    const discard = (client: Promise<RedisClient>) => {
        if (current === client) {
            current = undefined;
        }
        client.then(
            opened => opened.isOpen && opened.destroy(),
            () => undefined,
        );
    };

    return {
        async use(operation) {
            let client = current;
            if (client === undefined) {
                client = open();
                current = client;
            }
            try {
                const ready = await withDeadline(client, settings.connectTimeoutMs + settings.operationTimeoutMs, "Redis connect");
                if (!ready.isReady) {
                    throw new Error("Redis connection is not ready");
                }
                return await withDeadline(operation(ready), settings.operationTimeoutMs, "Redis operation");
            } catch (error) {
                discard(client);
                throw error;
            }
        },
        async close() {
            const client = current;
            current = undefined;
            if (client !== undefined) {
                const opened = await client.catch(() => undefined);
                if (opened?.isOpen) {
                    await opened.close();
                }
            }
        },
    };
}
