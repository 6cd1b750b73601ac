// Defaults of the CsvToPostgres pipeline.

export const csvToPostgresDefaults = {
    prefix: "data/",
    rejectedPrefix: "rejected/",
    keyColumns: ["id", "email"],
    maxFileBytes: 1024 * 1024 * 1024,
    rejectedRetentionDays: 30,
    /** Each running load holds one connection: this caps them (db.t4g.micro allows about 80). */
    maxConcurrentLoads: 5,
    memorySizeMb: 1024,
    timeoutSeconds: 900,
    load: {
        schema: "public",
        /** Rows read to infer the types of a new table's columns. */
        sampleRows: 1000,
        /** For the merge's sort; per load, so per connection. */
        workMem: "64MB",
    },
} as const;
