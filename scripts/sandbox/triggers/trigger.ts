// What every emulated trigger kind shares: the context it is built from and what it reports.
import { LocalAws } from "../aws-local";
import { SandboxFunction } from "../functions";
import { ResourceGraph } from "../graph";
import { InvocationLog } from "../invocation-log";
import { Replacements } from "../local-names";
import type { ServiceSettings } from "../../../test/support/services";

export interface TriggerContext {
    graph: ResourceGraph;
    functions: SandboxFunction[];
    aws: LocalAws;
    log: InvocationLog;
    replacements: Replacements;
    services: ServiceSettings;
    /** `--schedule-every <seconds>`: every schedule fires at this interval instead. */
    scheduleEverySeconds?: number;
}

export interface Trigger {
    kind: "bucket notification" | "stream mapping" | "schedule" | "REST API method" | "delivery stream" | "state machine";
    /** The function it invokes, or the delivery stream or state machine it runs. */
    function: string;
    pipeline: string;
    /** One line: what fires the function, with the settings that shape it. */
    description: string;
}

/** A trigger resource the sandbox does not run, listed at start-up instead of silently skipped. */
export interface NotEmulated {
    type: string;
    name: string;
    reason: string;
}

/** Something running that must be stopped on shutdown. */
export interface Running {
    stop(): Promise<void> | void;
}

export interface TriggerSet {
    triggers: Trigger[];
    notEmulated: NotEmulated[];
    running: Running[];
    /** URNs of resources this set runs that would otherwise be listed as not emulated. */
    emulates?: string[];
}

export function sleep(ms: number): Promise<void> {
    return new Promise(resolve => setTimeout(resolve, ms));
}
