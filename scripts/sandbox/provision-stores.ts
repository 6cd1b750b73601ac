// The data stores of the graph, stood in for by the local services: each RDS PostgreSQL instance
// gets its own database on the local PostgreSQL, each Redis replication group is the local Redis
// (TLS + AUTH), each OpenSearch domain the local node; secrets are created in moto holding the
// local credentials where the deployed secret would hold the deployed ones.
import { Client } from "pg";
import type { ServiceSettings } from "../../test/support/services";
import { LocalAws } from "./aws-local";
import { GraphResource, ofType, ResourceGraph } from "./graph";
import { localName, Replacements } from "./local-names";
import { ensureSecret } from "./provision-aws";

export interface LocalDatabase {
    resource: GraphResource;
    database: string;
    /** libpq connection string of the application user. */
    dsn: string;
}

export interface ProvisionedStores {
    databases: LocalDatabase[];
    openSearchUrl?: string;
    redis: boolean;
}

export async function ensureDatabase(services: ServiceSettings, database: string): Promise<void> {
    const pg = services.postgres;
    // The bootstrap superuser is trusted on loopback (scripts/services); the application user owns the database.
    const admin = new Client({ host: pg.host, port: pg.port, user: "postgres", database: "postgres" });
    await admin.connect();
    try {
        const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
        if (!rowCount) {
            await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}" OWNER "${pg.user.replace(/"/g, '""')}"`);
        }
    } finally {
        await admin.end();
    }
}

/** The value a secret holds locally: the local credential where the deployed one would be. */
function secretValue(graph: ResourceGraph, secret: GraphResource, services: ServiceSettings): string | undefined {
    const version = ofType(graph, "aws:secretsmanager/secretVersion:SecretVersion").find(v =>
        [secret.outputs.id, secret.outputs.arn].includes(v.inputs.secretId),
    );
    if (!version) {
        return undefined;
    }
    const deployed = version.inputs.secretString;
    const redisToken = ofType(graph, "aws:elasticache/replicationGroup:ReplicationGroup").some(g => g.inputs.authToken === deployed);
    return redisToken ? services.redis.password : String(deployed ?? "");
}

export async function provisionStores(
    graph: ResourceGraph,
    aws: LocalAws,
    services: ServiceSettings,
    replacements: Replacements,
): Promise<ProvisionedStores> {
    const stack = graph.config.stack;
    const stores: ProvisionedStores = { databases: [], redis: false };
    for (const secret of ofType(graph, "aws:secretsmanager/secret:Secret")) {
        const value = secretValue(graph, secret, services);
        if (value !== undefined) {
            replacements.add(secret.outputs.arn, await ensureSecret(aws, localName(stack, secret.name), value));
        }
    }
    const pg = services.postgres;
    for (const instance of ofType(graph, "aws:rds/instance:Instance").filter(i => String(i.inputs.engine).startsWith("postgres"))) {
        const database = localName(stack, `${instance.name}-${String(instance.inputs.dbName ?? "postgres")}`).replace(/-/g, "_");
        await ensureDatabase(services, database);
        const managed = (instance.outputs.masterUserSecrets as { secretArn?: string }[] | undefined)?.[0]?.secretArn;
        if (managed) {
            const credentials = JSON.stringify({ username: pg.user, password: pg.password });
            replacements.add(managed, await ensureSecret(aws, localName(stack, `${instance.name}-master`), credentials));
        }
        replacements.add(instance.outputs.address, pg.host);
        replacements.add(instance.outputs.endpoint, `${pg.host}:${pg.port}`);
        replacements.addScoped(
            [instance.outputs.address],
            [
                [instance.outputs.port, String(pg.port)],
                [instance.inputs.dbName, database],
            ],
        );
        const dsn = `postgresql://${pg.user}:${pg.password}@${pg.host}:${pg.port}/${database}?sslmode=verify-full&sslrootcert=${pg.caFile}`;
        stores.databases.push({ resource: instance, database, dsn });
    }
    for (const group of ofType(graph, "aws:elasticache/replicationGroup:ReplicationGroup")) {
        replacements.add(group.outputs.primaryEndpointAddress, services.redis.host);
        replacements.add(group.outputs.readerEndpointAddress, services.redis.host);
        replacements.addScoped([group.outputs.primaryEndpointAddress], [[group.inputs.port, String(services.redis.port)]]);
        stores.redis = true;
    }
    for (const domain of ofType(graph, "aws:opensearch/domain:Domain")) {
        const node = services.opensearch.node;
        replacements.add(`https://${String(domain.outputs.endpoint)}`, node);
        replacements.add(domain.outputs.endpoint, new URL(node).host);
        stores.openSearchUrl = node;
    }
    return stores;
}
