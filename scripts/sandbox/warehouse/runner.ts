// Runs BatchWarehouse state machines in the sandbox: the definition `warehouseDefinition` builds,
// with local names, on the local ASL interpreter (aws-local-stepfunctions), every task answered by
// its local stand-in (tasks.ts) and the notification published to moto's SNS. One runner per
// machine, so every source's machine runs alike; `POST /warehouse/<machine>/run` starts one.
import { CreateTopicCommand, PublishCommand, SNSClient } from "@aws-sdk/client-sns";
import { ExecutionError, StateMachine } from "aws-local-stepfunctions";
import type { StateMachineDefinition } from "aws-local-stepfunctions";
import * as fs from "fs";
import { Client } from "pg";
import { snsHandlers } from "../../../components/batch-warehouse/local-tasks";
import { states, warehouseDefinition } from "../../../components/batch-warehouse/state-machine-definition";
import { warehouseNames } from "../../../functions/batch-warehouse/warehouse-sql";
import type { ServiceSettings } from "../../../test/support/services";
import type { LocalAws } from "../aws-local";
import { GraphResource, ofType, ResourceGraph } from "../graph";
import type { InvocationLog } from "../invocation-log";
import { localName } from "../local-names";
import { ensureDatabase } from "../provision-stores";
import { nextDelayMs } from "../triggers/schedule-expression";
import type { TriggerContext, TriggerSet } from "../triggers/trigger";
import { warehouseMachines, WarehouseMachine } from "./machines";
import { JobSummary, localTaskHandlers } from "./tasks";

export interface WarehouseRun {
    machine: string;
    startedAt: string;
    status: "RUNNING" | "SUCCEEDED" | "FAILED";
    /** The machine's output, or its error and cause. */
    detail: string;
    job?: JobSummary;
    /** Rows in the warehouse table when the run ended. */
    tableRows?: number;
    /** What the run published to its SNS topic (moto's). */
    notification?: { topicArn: string; subject: string; messageId: string };
}

export interface WarehouseRunner {
    machine: WarehouseMachine;
    /** node-postgres connection string of the local database (TLS, verified against the local CA). */
    dsn: string;
    /** The local database and table standing in for the Redshift target. */
    database: string;
    table: string;
    /** Runs the machine to its end (one run at a time, as the job allows). */
    run(): Promise<WarehouseRun>;
    last?: WarehouseRun;
}

type LocalHandlers = NonNullable<NonNullable<NonNullable<Parameters<StateMachine["run"]>[1]>["overrides"]>["taskResourceLocalHandlers"]>;

export const warehouseRunners = new Map<string, WarehouseRunner>();

/** What the status page says about the stand-in for Redshift. */
export const warehouseNote =
    'Redshift stands in as the local PostgreSQL: DISTSTYLE/DISTKEY/SORTKEY are stripped (dialect "postgres"), ' +
    "COPY is replaced by inserting the rows read back from the job's Parquet output, the crawler answers at once, " +
    "and each run reads the whole raw archive (no job bookmarks; the MERGE keeps re-runs idempotent).";

function pgClient(settings: ServiceSettings, database: string): () => Client {
    const pg = settings.postgres;
    const ssl = { ca: fs.readFileSync(pg.caFile, "utf8"), rejectUnauthorized: true };
    return () => new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database, ssl });
}

async function tableRows(connect: () => Client, machine: WarehouseMachine): Promise<number | undefined> {
    const client = connect();
    await client.connect();
    try {
        const name = warehouseNames(machine.source).target;
        const exists = await client.query("SELECT to_regclass($1) AS t", [name]);
        return exists.rows[0].t ? Number((await client.query(`SELECT COUNT(*) AS n FROM ${name}`)).rows[0].n) : undefined;
    } finally {
        await client.end();
    }
}

function runnerFor(machine: WarehouseMachine, aws: LocalAws, settings: ServiceSettings, database: string, log: InvocationLog) {
    const sns = new SNSClient({
        endpoint: aws.settings.endpoint,
        region: aws.settings.region,
        credentials: {
            accessKeyId: aws.settings.accessKeyId,
            secretAccessKey: aws.settings.secretAccessKey,
        },
    });
    const connect = pgClient(settings, database);
    let running: Promise<WarehouseRun> | undefined;
    const pg = settings.postgres;
    const runner: WarehouseRunner = {
        machine,
        dsn: `postgresql://${pg.user}:${pg.password}@${pg.host}:${pg.port}/${database}?sslmode=verify-full&sslrootcert=${pg.caFile}`,
        database,
        table: `${machine.source.warehouse.schema}.${machine.source.warehouse.table}`,
        run() {
            running ??= execute().finally(() => (running = undefined));
            return running;
        },
    };
    const execute = async (): Promise<WarehouseRun> => {
        const began = Date.now();
        const run: WarehouseRun = { machine: machine.name, startedAt: new Date().toISOString(), status: "RUNNING", detail: "" };
        runner.last = run;
        try {
            const { TopicArn = "" } = await sns.send(new CreateTopicCommand({ Name: machine.topicName }));
            const definition = warehouseDefinition({
                sourceName: machine.source.name,
                crawlerName: machine.crawlerName,
                jobName: machine.jobName,
                runnerFunctionArn: machine.runnerFunctionArn,
                alertTopicArn: TopicArn,
                crawlerPoll: { intervalSeconds: 1, maxChecks: 5 },
                loadPoll: { intervalSeconds: 1, maxChecks: 5 },
                jobTimeoutSeconds: machine.jobTimeoutSeconds,
            });
            const publish = async (topic: string, subject: string, message: string) => {
                const { MessageId = "" } = await sns.send(new PublishCommand({ TopicArn: topic, Subject: subject, Message: message }));
                run.notification = { topicArn: topic, subject, messageId: MessageId };
                return MessageId;
            };
            const tasks = { ...localTaskHandlers({ machine, aws, connect, onJob: job => (run.job = job) }), ...snsHandlers(publish) };
            const execution = new StateMachine(definition as unknown as StateMachineDefinition).run(
                { source: machine.source.name },
                {
                    overrides: {
                        taskResourceLocalHandlers: tasks as unknown as LocalHandlers,
                        waitTimeOverrides: { [states.waitForCrawler]: 0, [states.waitForLoad]: 0 },
                    },
                },
            );
            const output = (await execution.result) as { quality?: unknown; load?: { hasData?: boolean } };
            // A run with no new raw files skips the load and the check (the machine's "no new data" branch).
            run.detail = output.load?.hasData === false ? "no new data" : `quality ${JSON.stringify(output.quality)}`;
            run.status = "SUCCEEDED";
        } catch (error) {
            // An ExecutionError is the machine failing (its Fail state's error and cause); anything else is the sandbox's own.
            run.status = "FAILED";
            run.detail = error instanceof ExecutionError ? error.message : `sandbox: ${(error as Error).message}`;
        }
        run.tableRows = await tableRows(connect, machine).catch(() => undefined);
        log.add({
            function: machine.name,
            pipeline: machine.pipeline,
            trigger: "state machine run",
            outcome: run.status === "SUCCEEDED" ? "ok" : "error",
            durationMs: Date.now() - began,
            detail: `${run.status}; ${run.tableRows ?? 0} rows in ${runner.table}; ${run.detail}`.slice(0, 300),
        });
        return run;
    };
    return runner;
}

/** The Scheduler schedule that starts this machine, if any. */
function scheduleOf(graph: ResourceGraph, machine: WarehouseMachine): GraphResource | undefined {
    return ofType(graph, "aws:scheduler/schedule:Schedule").find(
        s => (s.inputs.target as { arn?: unknown } | undefined)?.arn === machine.deployedArn,
    );
}

export async function warehouseTriggers(context: TriggerContext): Promise<TriggerSet> {
    const { graph, aws, services, log } = context;
    const set: TriggerSet = { triggers: [], notEmulated: [], running: [], emulates: [] };
    for (const machine of warehouseMachines(graph, context.replacements)) {
        const database = localName(graph.config.stack, `${machine.pipeline}-warehouse`).replace(/-/g, "_");
        await ensureDatabase(services, database);
        const runner = runnerFor(machine, aws, services, database, log);
        warehouseRunners.set(machine.name, runner);
        set.emulates!.push(...machine.urns);
        const schedule = scheduleOf(graph, machine);
        const expression = typeof schedule?.inputs.scheduleExpression === "string" ? schedule.inputs.scheduleExpression : undefined;
        if (schedule && expression) {
            set.emulates!.push(schedule.urn);
        }
        const every = context.scheduleEverySeconds;
        set.triggers.push({
            kind: "state machine",
            function: machine.name,
            pipeline: machine.pipeline,
            description:
                `${machine.name}: source ${machine.source.name} into ${database}.${runner.table}` +
                `${expression ? `, schedule ${expression}${every ? ` (sandbox: every ${every}s)` : ""}` : ""}` +
                ` (now: POST /warehouse/${machine.name}/run)`,
        });
        if (expression) {
            let timer: NodeJS.Timeout | undefined;
            const arm = () => {
                timer = setTimeout(
                    () => {
                        void runner.run();
                        arm();
                    },
                    every ? every * 1000 : nextDelayMs(expression),
                );
            };
            arm();
            set.running.push({ stop: () => clearTimeout(timer) });
        }
    }
    return set;
}
