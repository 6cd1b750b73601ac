// Local stand-ins for the state machine's tasks, for running the definition on a local ASL
// interpreter (aws-local-stepfunctions): the documented response shapes of each integration, and
// a handler map keyed by state name. Pure (no Pulumi import): tests and a local sandbox share it.
import { states } from "./state-names";

/** A task stand-in: receives the task's effective input (after Parameters), returns its result. */
export type TaskHandler = (input: Record<string, unknown>) => Promise<unknown>;

/** An error as Step Functions names it (`Glue.CrawlerRunningException`, `States.TaskFailed`). */
export class TaskError extends Error {
    constructor(name: string, cause: string) {
        super(cause);
        this.name = name;
    }
}

/** glue:getCrawler (aws-sdk integration): the Crawler object, trimmed to what the machine reads. */
export function crawlerResponse(
    name: string,
    state: "READY" | "RUNNING" | "STOPPING",
    lastCrawl?: { Status: "SUCCEEDED" | "FAILED" | "CANCELLED"; ErrorMessage?: string },
) {
    return {
        Crawler: {
            Name: name,
            State: state,
            ...(lastCrawl ? { LastCrawl: { ...lastCrawl, LogGroup: "/aws-glue/crawlers", StartTime: "2026-12-01T00:00:00Z" } } : {}),
        },
    };
}

/** glue:startJobRun.sync: the finished JobRun (a failed run is a States.TaskFailed error instead). */
export function jobRunResponse(jobName: string, id: string) {
    return { Id: id, JobName: jobName, JobRunState: "SUCCEEDED", Attempt: 0, ExecutionTime: 42, GlueVersion: "5.0" };
}

/** The error glue:startJobRun.sync raises for a run that ends FAILED, TIMEOUT or STOPPED. */
export function jobRunFailure(jobName: string, id: string, message: string): TaskError {
    return new TaskError("States.TaskFailed", JSON.stringify({ Id: id, JobName: jobName, JobRunState: "FAILED", ErrorMessage: message }));
}

/** lambda:invoke: the function's result wrapped as the integration returns it. */
export function lambdaInvokeResponse(payload: unknown) {
    return { ExecutedVersion: "$LATEST", StatusCode: 200, Payload: payload };
}

/** redshiftdata:describeStatement, trimmed to the fields the machine reads. */
export function describeStatementResponse(
    id: string,
    status: "SUBMITTED" | "PICKED" | "STARTED" | "FINISHED" | "FAILED" | "ABORTED",
    error?: string,
) {
    return { Id: id, Status: status, HasResultSet: false, ...(error ? { Error: error } : {}) };
}

/** Every SNS task publishes through one function (to a real SNS API such as moto's, or anywhere). */
export function snsHandlers(publish: (topicArn: string, subject: string, message: string) => Promise<string>): Record<string, TaskHandler> {
    const handler: TaskHandler = async input => ({
        MessageId: await publish(String(input.TopicArn), String(input.Subject), String(input.Message)),
    });
    return { [states.notifySuccess]: handler, [states.notifyNoNewData]: handler, [states.notifyFailure]: handler };
}
