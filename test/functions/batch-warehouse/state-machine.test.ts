// The BatchWarehouse state machine validated with asl-validator and executed on a local ASL
// interpreter (aws-local-stepfunctions). Glue, the runner Lambda and the Data API answer with
// their documented response shapes; SNS is moto's, and each run is judged by the message an SQS
// queue subscribed to the topic receives.
import { CreateTopicCommand, PublishCommand, SNSClient, SubscribeCommand } from "@aws-sdk/client-sns";
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import validateAsl from "asl-validator";
import { expect } from "chai";
import {
    crawlerResponse,
    describeStatementResponse,
    jobRunFailure,
    jobRunResponse,
    lambdaInvokeResponse,
    snsHandlers,
    TaskError,
    TaskHandler,
} from "../../../components/batch-warehouse/local-tasks";
import { states, warehouseDefinition, WarehouseDefinitionArgs } from "../../../components/batch-warehouse/state-machine-definition";
import { ExecutionError, StateMachine, StateMachineDefinition } from "../../support/local-stepfunctions";
import { awsClientConfig, requireService, resetMoto } from "../../support/services";

type RunOptions = Required<NonNullable<Parameters<StateMachine["run"]>[1]>> & {
    overrides: Required<NonNullable<NonNullable<Parameters<StateMachine["run"]>[1]>["overrides"]>>;
};

const jobRunId = "jr_5f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778899aabbccddeeff";
const statementId = "c016234e-5c6c-4bc5-bb16-2c5b8e61e1fa";

const passedQuality = {
    passed: true,
    rowsIn: 120,
    distinctIn: 118,
    rowsOut: 118,
    duplicatesIn: 2,
    nullRates: { customer_id: 0.2 },
    failures: [],
};

function args(topicArn: string): WarehouseDefinitionArgs {
    return {
        sourceName: "online_retail",
        crawlerName: "dev-warehouse-raw",
        jobName: "dev-warehouse-transform",
        runnerFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:dev-warehouse-runner",
        alertTopicArn: topicArn,
        crawlerPoll: { intervalSeconds: 30, maxChecks: 3 },
        loadPoll: { intervalSeconds: 10, maxChecks: 3 },
        jobTimeoutSeconds: 3600,
    };
}

/** Answers in order, repeating the last one. */
function sequence(...answers: (() => unknown)[]): TaskHandler & { calls: number } {
    const handler = Object.assign(
        async () => {
            const answer = answers[Math.min(handler.calls, answers.length - 1)];
            handler.calls += 1;
            return answer();
        },
        { calls: 0 },
    );
    return handler;
}

function happyTasks(): Record<string, TaskHandler> {
    return {
        [states.startCrawler]: async () => ({}),
        [states.getCrawler]: sequence(
            () => crawlerResponse("dev-warehouse-raw", "RUNNING"),
            () => crawlerResponse("dev-warehouse-raw", "READY", { Status: "SUCCEEDED" }),
        ),
        [states.runJob]: async () => jobRunResponse("dev-warehouse-transform", jobRunId),
        [states.startLoad]: async input => {
            expect(input.Payload).to.deep.equal({ action: "load", source: "online_retail", loadId: jobRunId });
            return lambdaInvokeResponse({ hasData: true, statementId, loadId: jobRunId, statements: 7, addedColumns: [] });
        },
        [states.describeLoad]: sequence(
            () => describeStatementResponse(statementId, "STARTED"),
            () => describeStatementResponse(statementId, "FINISHED"),
        ),
        [states.checkQuality]: async () => lambdaInvokeResponse(passedQuality),
    };
}

describe("BatchWarehouse state machine", function () {
    this.timeout(30_000);
    const sns = () => new SNSClient(awsClientConfig());
    const sqs = () => new SQSClient(awsClientConfig());
    let topicArn: string;
    let queueUrl: string;

    before(() => requireService("moto"));
    beforeEach(async () => {
        await resetMoto();
        ({ TopicArn: topicArn = "" } = await sns().send(new CreateTopicCommand({ Name: "warehouse-alerts" })));
        ({ QueueUrl: queueUrl = "" } = await sqs().send(new CreateQueueCommand({ QueueName: "alerts-inbox" })));
        const { Attributes } = await sqs().send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ["QueueArn"] }));
        await sns().send(
            new SubscribeCommand({
                TopicArn: topicArn,
                Protocol: "sqs",
                Endpoint: Attributes?.QueueArn,
                Attributes: { RawMessageDelivery: "false" },
            }),
        );
    });

    async function execute(tasks: Record<string, TaskHandler>): Promise<{ output?: unknown; error?: ExecutionError }> {
        const definition = warehouseDefinition(args(topicArn));
        const machine = new StateMachine(definition as unknown as StateMachineDefinition);
        const publish = async (topic: string, subject: string, message: string) =>
            (await sns().send(new PublishCommand({ TopicArn: topic, Subject: subject, Message: message }))).MessageId ?? "";
        const zero = Object.fromEntries(Object.keys(definition.States).map(name => [name, 0]));
        const run = machine.run(
            {},
            {
                overrides: {
                    taskResourceLocalHandlers: {
                        ...tasks,
                        ...snsHandlers(publish),
                    } as unknown as RunOptions["overrides"]["taskResourceLocalHandlers"],
                    waitTimeOverrides: { [states.waitForCrawler]: 0, [states.waitForLoad]: 0 },
                    retryIntervalOverrides: zero,
                },
            },
        );
        try {
            return { output: await run.result };
        } catch (error) {
            if (error instanceof ExecutionError) {
                return { error };
            }
            throw error;
        }
    }

    async function alerts(): Promise<{ Subject: string; Message: string }[]> {
        const { Messages = [] } = await sqs().send(
            new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
        );
        return Messages.map(message => {
            const { Subject, Message } = JSON.parse(message.Body ?? "{}") as { Subject: string; Message: string };
            return { Subject, Message };
        });
    }

    it("is a valid ASL definition (asl-validator), JSONPath only", () => {
        const definition = warehouseDefinition(args("arn:aws:sns:us-east-1:123456789012:alerts"));
        const verdict = validateAsl(structuredClone(definition));
        expect(verdict.errors).to.deep.equal([]);
        expect(verdict.isValid).to.equal(true);
        expect(JSON.stringify(definition)).not.to.match(/JSONata|QueryLanguage|"Arguments"|"Output"/);
    });

    it("gives every task a Retry on transient errors and a Catch into the alert (the alert task only retries)", () => {
        const all = warehouseDefinition(args("arn:aws:sns:us-east-1:123456789012:alerts")).States;
        for (const [name, state] of Object.entries(all).filter(([, s]) => s.Type === "Task")) {
            const retry = state.Retry as { ErrorEquals: string[]; BackoffRate: number }[];
            expect(retry[0].BackoffRate, name).to.equal(2);
            expect(retry[0].ErrorEquals, name).not.to.include("States.ALL");
            if (name === states.notifyFailure) {
                expect(state.Catch, name).to.equal(undefined);
                continue;
            }
            const catches = state.Catch as { ErrorEquals: string[]; Next: string }[];
            const catchAll = catches.find(c => c.ErrorEquals.includes("States.ALL"));
            expect(catchAll, name).not.to.equal(undefined);
            expect(all[catchAll!.Next].Next, name).to.equal(states.notifyFailure);
        }
    });

    it("happy path: crawls, transforms, loads, checks and publishes the success with the counts", async () => {
        const { output, error } = await execute(happyTasks());
        expect(error).to.equal(undefined);
        expect(output).to.have.nested.property("quality.rowsOut", 118);
        expect(await alerts()).to.deep.equal([
            {
                Subject: "BatchWarehouse online_retail: load succeeded",
                Message:
                    `BatchWarehouse online_retail: load ${jobRunId} succeeded: 120 rows staged, 2 duplicates within the load, 118 records merged. ` +
                    `Rows the job could not type are under rejected/online_retail/load_id=${jobRunId}/.`,
            },
        ]);
    });

    it("no new data: the runner finds no Parquet for the run, so nothing is loaded or checked and the run succeeds saying so", async () => {
        const describeLoad = sequence(() => describeStatementResponse(statementId, "FINISHED"));
        const quality = sequence(() => lambdaInvokeResponse(passedQuality));
        const { error } = await execute({
            ...happyTasks(),
            [states.startLoad]: async () => lambdaInvokeResponse({ hasData: false, statementId: null, loadId: jobRunId }),
            [states.describeLoad]: describeLoad,
            [states.checkQuality]: quality,
        });
        expect(error, String(error?.cause)).to.equal(undefined);
        expect([describeLoad.calls, quality.calls]).to.deep.equal([0, 0]);
        expect(await alerts()).to.deep.equal([
            {
                Subject: "BatchWarehouse online_retail: no new data",
                Message: `BatchWarehouse online_retail: run ${jobRunId} found no new raw files; nothing was loaded.`,
            },
        ]);
    });

    /** Runs with some tasks replaced; expects one failure alert naming the step and the reason. */
    async function expectFailure(replaced: Record<string, TaskHandler>, step: string, error: string, cause: RegExp): Promise<void> {
        const outcome = await execute({ ...happyTasks(), ...replaced });
        expect(outcome.error, "the execution fails").to.be.instanceOf(ExecutionError);
        expect(outcome.error?.cause).to.have.property("name", error);
        const [alert, ...more] = await alerts();
        expect(more).to.deep.equal([]);
        expect(alert.Subject).to.equal("BatchWarehouse online_retail: load failed");
        const prefix = `BatchWarehouse online_retail: load failed at step "${step}". ${error}: `;
        expect(alert.Message.startsWith(prefix), alert.Message).to.equal(true);
        expect(alert.Message.slice(prefix.length)).to.match(cause);
    }

    it("a failed crawl (READY again, last crawl FAILED) stops before the job and alerts with the crawler's error", async () => {
        const job = sequence(() => jobRunResponse("dev-warehouse-transform", jobRunId));
        await expectFailure(
            {
                [states.getCrawler]: sequence(() =>
                    crawlerResponse("dev-warehouse-raw", "READY", { Status: "FAILED", ErrorMessage: "Access denied to raw/" }),
                ),
                [states.runJob]: job,
            },
            states.getCrawler,
            "CrawlFailed",
            /"Status":"FAILED".*Access denied to raw\//,
        );
        expect(job.calls).to.equal(0);
    });

    it("a crawl that never finishes gives up after the configured checks", async () => {
        const getCrawler = sequence(() => crawlerResponse("dev-warehouse-raw", "RUNNING"));
        await expectFailure(
            { [states.getCrawler]: getCrawler },
            states.getCrawler,
            "CrawlTimedOut",
            /still running after 90 s \(3 checks\)/,
        );
        expect(getCrawler.calls).to.equal(3);
    });

    it("a failed Glue job run alerts with the job's error message", async () => {
        const failing = async () => {
            throw jobRunFailure("dev-warehouse-transform", jobRunId, "AnalysisException: Path does not exist");
        };
        await expectFailure(
            { [states.runJob]: failing },
            states.runJob,
            "States.TaskFailed",
            /"JobRunState":"FAILED".*Path does not exist/,
        );
    });

    it("a failed load statement alerts with the warehouse's error and runs no quality check", async () => {
        const quality = sequence(() => lambdaInvokeResponse(passedQuality));
        await expectFailure(
            {
                [states.describeLoad]: sequence(() =>
                    describeStatementResponse(statementId, "FAILED", "ERROR: Spectrum Scan Error: column type mismatch"),
                ),
                [states.checkQuality]: quality,
            },
            states.describeLoad,
            "StatementFailed",
            /^ERROR: Spectrum Scan Error: column type mismatch$/,
        );
        expect(quality.calls).to.equal(0);
    });

    it("an aborted load statement alerts", async () => {
        await expectFailure(
            { [states.describeLoad]: sequence(() => describeStatementResponse(statementId, "ABORTED")) },
            states.describeLoad,
            "StatementAborted",
            new RegExp(`^statement ${statementId} was aborted$`),
        );
    });

    it("a load that keeps running gives up after the configured checks", async () => {
        await expectFailure(
            { [states.describeLoad]: sequence(() => describeStatementResponse(statementId, "STARTED")) },
            states.describeLoad,
            "LoadTimedOut",
            /still running after 30 s/,
        );
    });

    it("quality below threshold alerts with every failed check", async () => {
        const low = { ...passedQuality, passed: false, failures: ["customer_id is null in 50.0% of rows, above the limit of 35.0%"] };
        await expectFailure(
            { [states.checkQuality]: sequence(() => lambdaInvokeResponse(low)) },
            states.checkQuality,
            "QualityCheckFailed",
            /^\["customer_id is null in 50.0% of rows, above the limit of 35.0%"\]$/,
        );
    });

    it("a transient error is retried with backoff and the run still succeeds", async () => {
        const startLoad = sequence(
            () => {
                throw new TaskError("Lambda.TooManyRequestsException", "Rate exceeded");
            },
            () => {
                throw new TaskError("Lambda.ServiceException", "Service unavailable");
            },
            () => lambdaInvokeResponse({ hasData: true, statementId, loadId: jobRunId, statements: 7 }),
        );
        const getCrawler = sequence(
            () => {
                throw new TaskError("Glue.ThrottlingException", "Rate exceeded");
            },
            () => crawlerResponse("dev-warehouse-raw", "READY", { Status: "SUCCEEDED" }),
        );
        const { error } = await execute({ ...happyTasks(), [states.startLoad]: startLoad, [states.getCrawler]: getCrawler });
        expect(error).to.equal(undefined);
        expect(startLoad.calls).to.equal(3);
        expect(getCrawler.calls).to.equal(2);
        expect((await alerts()).map(alert => alert.Subject)).to.deep.equal(["BatchWarehouse online_retail: load succeeded"]);
    });

    it("a deterministic runner error is not retried: it fails the run once, with its reason", async () => {
        const startLoad = sequence(() => {
            throw new TaskError("RunnerInputError", "load id \"x y\" must be 1-128 letters, digits, '_' or '-'");
        });
        await expectFailure({ [states.startLoad]: startLoad }, states.startLoad, "RunnerInputError", /load id "x y"/);
        expect(startLoad.calls).to.equal(1);
    });

    it("a crawl already running (a schedule overlap) is waited for, not treated as a failure", async () => {
        const { error } = await execute({
            ...happyTasks(),
            [states.startCrawler]: async () => {
                throw new TaskError("Glue.CrawlerRunningException", "Crawler with name dev-warehouse-raw has already started");
            },
        });
        expect(error).to.equal(undefined);
        expect((await alerts()).map(alert => alert.Subject)).to.deep.equal(["BatchWarehouse online_retail: load succeeded"]);
    });
});
