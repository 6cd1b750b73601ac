// The Lambda entry points of config-declared sources: what runs once per container (clients,
// logger, settings from the environment) and the handler each invocation calls. The source's own
// settings are plain data captured in the archive; resource names and ARNs come from the environment.
import type { S3Event } from "aws-lambda";

import { s3Client, secretsManagerClient } from "../runtime/aws-clients";
import { readEnvironment, stringVariable } from "../runtime/environment";
import { functionLogger } from "../runtime/logger";
import { objectsOf } from "../runtime/s3-event";
import { EmailConfig, extractMessage, MessageOutcome } from "./email-extractor";
import { checkLanding, LandingConfig, LandingOutcome } from "./landing-checker";
import { FetchSummary, FetcherTarget, fetchWindow } from "./rest-fetcher";
import type { RestApiConfig } from "./source-definition";

/** npm packages each function's archive ships. */
export const fetcherPackages = ["@aws-sdk/client-s3", "@aws-sdk/client-secrets-manager", "@aws-lambda-powertools/logger"];
export const landingPackages = ["@aws-sdk/client-s3", "@aws-lambda-powertools/logger", "csv-parse"];
export const emailPackages = [...landingPackages, "postal-mime"];

/** The object SES writes under the rule's prefix when the rule is created, to check it may. */
export const sesSetupObject = "AMAZON_SES_SETUP_NOTIFICATION";

export const sourceEnvironment = {
    bucket: stringVariable("SOURCE_ZONES_BUCKET"),
};

/** The fetcher's secrets: a JSON object of reference name to secret name or ARN ("{}" when none). */
export const fetcherEnvironment = { ...sourceEnvironment, secretIds: stringVariable("SOURCE_SECRET_IDS") };

/** EventBridge Scheduler passes the scheduled time as `time`; a manual run may omit it (now). */
export interface ScheduledRun {
    time?: string;
}

export function restFetcherHandler(
    config: RestApiConfig,
    target: Omit<FetcherTarget, "bucket" | "secretIds">,
): () => (run: ScheduledRun) => Promise<FetchSummary> {
    return () => {
        const env = readEnvironment(fetcherEnvironment);
        const deps = {
            s3: s3Client(),
            secrets: secretsManagerClient(),
            fetch,
            sleep: (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms)),
            random: Math.random,
        };
        const secretIds = JSON.parse(env.secretIds) as Record<string, string>;
        const logger = functionLogger(`source-${target.source}`);
        return async run => {
            const summary = await fetchWindow(
                deps,
                config,
                { ...target, bucket: env.bucket, secretIds },
                run.time ? new Date(run.time) : new Date(),
            );
            (summary.capped ? logger.warn : logger.info).call(logger, "fetched", { ...summary, keys: summary.keys.length });
            return summary;
        };
    };
}

export function landingCheckerHandler(config: LandingConfig): () => (event: S3Event) => Promise<LandingOutcome[]> {
    return () => {
        const s3 = s3Client();
        const logger = functionLogger(`source-${config.source}`);
        return async event => {
            const outcomes: LandingOutcome[] = [];
            for (const object of objectsOf(event)) {
                const outcome = await checkLanding(s3, config, object);
                if (outcome) {
                    (outcome.accepted ? logger.info : logger.warn).call(logger, outcome.accepted ? "accepted" : "rejected", { ...outcome });
                    outcomes.push(outcome);
                }
            }
            return outcomes;
        };
    };
}

export function emailExtractorHandler(config: Omit<EmailConfig, "zonesBucket">): () => (event: S3Event) => Promise<MessageOutcome[]> {
    return () => {
        const env = readEnvironment(sourceEnvironment);
        const s3 = s3Client();
        const logger = functionLogger(`source-${config.source}`);
        return async event => {
            const outcomes: MessageOutcome[] = [];
            for (const object of objectsOf(event)) {
                if (object.key.endsWith(sesSetupObject)) {
                    continue; // SES's write check when the rule was created, not a message
                }
                const outcome = await extractMessage(s3, { ...config, zonesBucket: env.bucket }, object);
                (outcome.accepted ? logger.info : logger.warn).call(logger, "message", { ...outcome });
                outcomes.push(outcome);
            }
            return outcomes;
        };
    };
}
