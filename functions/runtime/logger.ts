// The one logger of every function: Powertools' structured JSON logger, named after its pipeline.
import { Logger } from "@aws-lambda-powertools/logger";

/** The log lines handlers write; a Powertools Logger fits, and so does a test's recorder. */
export type Log = Pick<Logger, "info" | "warn" | "error">;

export function functionLogger(serviceName: string): Logger {
    return new Logger({ serviceName });
}
