// The BatchWarehouse state machine as a pure function of names and ARNs (no Pulumi import), so the
// component, the tests and a local runner build the same definition. JSONPath only.
//
// crawl (bounded wait; a failed crawl fails) -> Glue job (.sync) -> load statements (runner Lambda
// submits, the machine polls DescribeStatement, bounded) -> quality checks (runner Lambda) -> SNS.
// A run with no new raw files (no Parquet written) skips load and checks and notifies "no new data".
// Every task retries transient errors with backoff and catches everything else into one failure
// path that publishes the step and reason to SNS, then fails the execution with them.

import { states } from "./state-names";

export { states };

export interface PollLimits {
    intervalSeconds: number;
    /** Checks before giving up; intervalSeconds x maxChecks bounds the wait. */
    maxChecks: number;
}

export interface WarehouseDefinitionArgs {
    sourceName: string;
    crawlerName: string;
    jobName: string;
    runnerFunctionArn: string;
    alertTopicArn: string;
    crawlerPoll: PollLimits;
    loadPoll: PollLimits;
    /** Upper bound of one Glue job run, in seconds (the job's own timeout should be lower). */
    jobTimeoutSeconds: number;
}

type State = Record<string, unknown>;
export interface StateMachineDefinition {
    Comment: string;
    StartAt: string;
    TimeoutSeconds: number;
    States: Record<string, State>;
}

const backoff = { IntervalSeconds: 2, MaxAttempts: 4, BackoffRate: 2 };
const transient = {
    glue: ["Glue.ThrottlingException", "Glue.InternalServiceException", "Glue.OperationTimeoutException"],
    job: ["Glue.ConcurrentRunsExceededException", "Glue.ThrottlingException", "Glue.InternalServiceException"],
    lambda: [
        "Lambda.ServiceException",
        "Lambda.AWSLambdaException",
        "Lambda.SdkClientException",
        "Lambda.TooManyRequestsException",
        // Thrown by the runner when the Data API pushes back.
        "ActiveStatementsExceededException",
        "ThrottlingException",
        "InternalServerException",
    ],
    dataApi: ["RedshiftData.ThrottlingException", "RedshiftData.InternalServerException"],
    sns: ["SNS.ThrottledException", "SNS.InternalErrorException"],
};

/** The state every Catch of `step` leads to: records the step and the caught error, then alerts. */
function caughtName(step: string): string {
    return `${step} Error`;
}

function task(step: string, body: State, retryOn: string[], next: string | undefined): Record<string, State> {
    return {
        [step]: {
            Type: "Task",
            ...body,
            Retry: [{ ErrorEquals: retryOn, ...backoff }],
            Catch: [{ ErrorEquals: ["States.ALL"], ResultPath: "$.caught", Next: caughtName(step) }],
            ...(next ? { Next: next } : { End: true }),
        },
        [caughtName(step)]: {
            Type: "Pass",
            Parameters: { step, "error.$": "$.caught.Error", "cause.$": "$.caught.Cause" },
            ResultPath: "$.failure",
            Next: states.notifyFailure,
        },
    };
}

/** A failure the machine itself detects (a failed crawl, a statement error, low quality). */
function failure(step: string, error: string, cause: State): State {
    return { Type: "Pass", Parameters: { step, error, ...cause }, ResultPath: "$.failure", Next: states.notifyFailure };
}

/** An SNS publish of `subject` and the message a States.Format expression builds; output discarded. */
function publish(topicArn: string, subject: string, message: string): State {
    const Parameters = { TopicArn: topicArn, Subject: subject, "Message.$": message };
    return { Resource: "arn:aws:states:::sns:publish", Parameters, ResultPath: null };
}

function counter(path: string, next: string, keep: Record<string, string> = {}): State {
    return { Type: "Pass", Parameters: { ...keep, "checks.$": `States.MathAdd(${path}.checks, 1)` }, ResultPath: path, Next: next };
}

export function warehouseDefinition(args: WarehouseDefinitionArgs): StateMachineDefinition {
    const source = args.sourceName;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(source)) {
        throw new Error(`source name ${JSON.stringify(source)} is not an identifier`); // it is pasted into messages
    }
    const crawlerWait = args.crawlerPoll.intervalSeconds * args.crawlerPoll.maxChecks;
    const loadWait = args.loadPoll.intervalSeconds * args.loadPoll.maxChecks;
    return {
        Comment: `BatchWarehouse ${source}: crawl, transform, load, check, notify`,
        StartAt: states.startCrawler,
        // Every wait is bounded; this bounds the whole run too.
        TimeoutSeconds: crawlerWait + args.jobTimeoutSeconds + loadWait + 3600,
        States: {
            [states.startCrawler]: {
                Type: "Task",
                Resource: "arn:aws:states:::aws-sdk:glue:startCrawler",
                Parameters: { Name: args.crawlerName },
                ResultSelector: { checks: 0 },
                ResultPath: "$.crawlerChecks",
                Retry: [{ ErrorEquals: transient.glue, ...backoff }],
                Catch: [
                    // A crawl already under way (a schedule overlap) is waited for, not an error.
                    { ErrorEquals: ["Glue.CrawlerRunningException"], ResultPath: null, Next: states.crawlerAlreadyRunning },
                    { ErrorEquals: ["States.ALL"], ResultPath: "$.caught", Next: caughtName(states.startCrawler) },
                ],
                Next: states.waitForCrawler,
            },
            [caughtName(states.startCrawler)]: {
                Type: "Pass",
                Parameters: { step: states.startCrawler, "error.$": "$.caught.Error", "cause.$": "$.caught.Cause" },
                ResultPath: "$.failure",
                Next: states.notifyFailure,
            },
            [states.crawlerAlreadyRunning]: {
                Type: "Pass",
                Result: { checks: 0 },
                ResultPath: "$.crawlerChecks",
                Next: states.waitForCrawler,
            },
            [states.waitForCrawler]: { Type: "Wait", Seconds: args.crawlerPoll.intervalSeconds, Next: states.getCrawler },
            ...task(
                states.getCrawler,
                { Resource: "arn:aws:states:::aws-sdk:glue:getCrawler", Parameters: { Name: args.crawlerName }, ResultPath: "$.crawler" },
                transient.glue,
                states.crawlerState,
            ),
            [states.crawlerState]: {
                Type: "Choice",
                Choices: [{ Variable: "$.crawler.Crawler.State", StringEquals: "READY", Next: states.crawlOutcome }],
                Default: states.countCrawlerCheck,
            },
            // READY is also the state after a failed crawl: the last crawl's status decides.
            [states.crawlOutcome]: {
                Type: "Choice",
                Choices: [
                    { Variable: "$.crawler.Crawler.LastCrawl", IsPresent: false, Next: states.crawlFailed },
                    { Variable: "$.crawler.Crawler.LastCrawl.Status", StringEquals: "SUCCEEDED", Next: states.runJob },
                ],
                Default: states.crawlFailed,
            },
            [states.crawlFailed]: failure(states.getCrawler, "CrawlFailed", { "cause.$": "States.JsonToString($.crawler.Crawler)" }),
            [states.countCrawlerCheck]: counter("$.crawlerChecks", states.crawlerChecksLeft),
            [states.crawlerChecksLeft]: {
                Type: "Choice",
                Choices: [
                    {
                        Variable: "$.crawlerChecks.checks",
                        NumericGreaterThanEquals: args.crawlerPoll.maxChecks,
                        Next: states.crawlTimedOut,
                    },
                ],
                Default: states.waitForCrawler,
            },
            [states.crawlTimedOut]: failure(states.getCrawler, "CrawlTimedOut", {
                cause: `crawler ${args.crawlerName} still running after ${crawlerWait} s (${args.crawlerPoll.maxChecks} checks)`,
            }),
            ...task(
                states.runJob,
                {
                    Resource: "arn:aws:states:::glue:startJobRun.sync",
                    Parameters: { JobName: args.jobName },
                    TimeoutSeconds: args.jobTimeoutSeconds,
                    ResultSelector: { "Id.$": "$.Id", "JobRunState.$": "$.JobRunState" },
                    ResultPath: "$.job",
                },
                transient.job,
                states.startLoad,
            ),
            ...task(
                states.startLoad,
                {
                    Resource: "arn:aws:states:::lambda:invoke",
                    // The load id is the Glue run id: the job wrote under load_id=<it>.
                    Parameters: { FunctionName: args.runnerFunctionArn, Payload: { action: "load", source, "loadId.$": "$.job.Id" } },
                    TimeoutSeconds: 300,
                    ResultSelector: { "hasData.$": "$.Payload.hasData", "statementId.$": "$.Payload.statementId", checks: 0 },
                    ResultPath: "$.load",
                },
                transient.lambda,
                states.loadHasData,
            ),
            [states.loadHasData]: {
                Type: "Choice",
                Choices: [{ Variable: "$.load.hasData", BooleanEquals: false, Next: states.notifyNoNewData }],
                Default: states.waitForLoad,
            },
            [states.waitForLoad]: { Type: "Wait", Seconds: args.loadPoll.intervalSeconds, Next: states.describeLoad },
            ...task(
                states.describeLoad,
                {
                    Resource: "arn:aws:states:::aws-sdk:redshiftdata:describeStatement",
                    Parameters: { "Id.$": "$.load.statementId" },
                    ResultPath: "$.statement",
                },
                transient.dataApi,
                states.loadStatus,
            ),
            [states.loadStatus]: {
                Type: "Choice",
                Choices: [
                    { Variable: "$.statement.Status", StringEquals: "FINISHED", Next: states.checkQuality },
                    { Variable: "$.statement.Status", StringEquals: "FAILED", Next: states.loadFailed },
                    { Variable: "$.statement.Status", StringEquals: "ABORTED", Next: states.loadAborted },
                ],
                Default: states.countLoadCheck,
            },
            [states.loadFailed]: failure(states.describeLoad, "StatementFailed", { "cause.$": "$.statement.Error" }),
            [states.loadAborted]: failure(states.describeLoad, "StatementAborted", {
                "cause.$": "States.Format('statement {} was aborted', $.load.statementId)",
            }),
            [states.countLoadCheck]: counter("$.load", states.loadChecksLeft, { "statementId.$": "$.load.statementId" }),
            [states.loadChecksLeft]: {
                Type: "Choice",
                Choices: [{ Variable: "$.load.checks", NumericGreaterThanEquals: args.loadPoll.maxChecks, Next: states.loadTimedOut }],
                Default: states.waitForLoad,
            },
            [states.loadTimedOut]: failure(states.describeLoad, "LoadTimedOut", {
                "cause.$": `States.Format('statement {} still running after ${loadWait} s', $.load.statementId)`,
            }),
            ...task(
                states.checkQuality,
                {
                    Resource: "arn:aws:states:::lambda:invoke",
                    Parameters: { FunctionName: args.runnerFunctionArn, Payload: { action: "quality", source } },
                    TimeoutSeconds: 300,
                    ResultSelector: {
                        "passed.$": "$.Payload.passed",
                        "rowsIn.$": "$.Payload.rowsIn",
                        "rowsOut.$": "$.Payload.rowsOut",
                        "duplicatesIn.$": "$.Payload.duplicatesIn",
                        "failures.$": "$.Payload.failures",
                    },
                    ResultPath: "$.quality",
                },
                transient.lambda,
                states.qualityPassed,
            ),
            [states.qualityPassed]: {
                Type: "Choice",
                Choices: [{ Variable: "$.quality.passed", BooleanEquals: true, Next: states.notifySuccess }],
                Default: states.qualityFailed,
            },
            [states.qualityFailed]: failure(states.checkQuality, "QualityCheckFailed", {
                "cause.$": "States.JsonToString($.quality.failures)",
            }),
            ...task(
                states.notifySuccess,
                publish(
                    args.alertTopicArn,
                    `BatchWarehouse ${source}: load succeeded`,
                    `States.Format('BatchWarehouse ${source}: load {} succeeded: {} rows staged, {} duplicates within the load, ` +
                        `{} records merged. Rows the job could not type are under rejected/${source}/load_id={}/.', ` +
                        "$.job.Id, $.quality.rowsIn, $.quality.duplicatesIn, $.quality.rowsOut, $.job.Id)",
                ),
                transient.sns,
                undefined,
            ),
            ...task(
                states.notifyNoNewData,
                publish(
                    args.alertTopicArn,
                    `BatchWarehouse ${source}: no new data`,
                    `States.Format('BatchWarehouse ${source}: run {} found no new raw files; nothing was loaded.', $.job.Id)`,
                ),
                transient.sns,
                undefined,
            ),
            // The alert itself retries, and has no Catch: if SNS cannot be reached the execution
            // fails with that error, which the ExecutionsFailed alarm reports.
            [states.notifyFailure]: {
                Type: "Task",
                ...publish(
                    args.alertTopicArn,
                    `BatchWarehouse ${source}: load failed`,
                    `States.Format('BatchWarehouse ${source}: load failed at step "{}". {}: {}', $.failure.step, $.failure.error, $.failure.cause)`,
                ),
                Retry: [{ ErrorEquals: transient.sns, ...backoff }],
                Next: states.failed,
            },
            [states.failed]: { Type: "Fail", ErrorPath: "$.failure.error", CausePath: "$.failure.cause" },
        },
    };
}
