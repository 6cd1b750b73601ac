// `npm start`: the whole platform of one stack on this machine. The program runs under mocks to
// give its resource graph; every function runs its uploaded code in its own process against the
// local services, triggered the way its resources say. Exit 2: bad input or already running.
import * as fs from "fs";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { localAws } from "./aws-local";
import { createFunctions } from "./functions";
import { loadGraph, projectDir } from "./graph";
import { InvocationLog } from "./invocation-log";
import { ensureLocalServices } from "./local-services";
import { Replacements } from "./local-names";
import { parseOptions, startUsage } from "./options";
import { provisionAws } from "./provision-aws";
import { provisionStores } from "./provision-stores";
import { endpointsOf, printReport, writeEndpoints } from "./report";
import { startServer } from "./server";
import { claim } from "./single-instance";
import { StatusSource } from "./status";
import { startTriggers } from "./triggers";
import { availableStacks } from "../plan/stack-config";

export const stateDir = process.env.SANDBOX_DIR ?? path.join(projectDir, ".sandbox");

async function main(): Promise<number> {
    const options = parseOptions(process.argv.slice(2));
    if (typeof options === "string") {
        console.error(`sandbox: ${options}\n${startUsage}`);
        return 2;
    }
    if (!availableStacks(projectDir).includes(options.stack)) {
        console.error(`sandbox: unknown stack ${options.stack} (stacks: ${availableStacks(projectDir).join(", ")})`);
        return 2;
    }
    const lock = claim(stateDir);
    if (!lock.ok) {
        console.error(
            `sandbox: already running (pid ${lock.pid}); see ${path.join(stateDir, "endpoints.json")}. Stop it with Ctrl-C first.`,
        );
        return 2;
    }
    const began = Date.now();
    const phase = (name: string, since: number) => console.log(`  ${name}: ${((Date.now() - since) / 1000).toFixed(1)}s`);
    const stops: (() => Promise<void> | void)[] = [lock.release];
    let stopping = false;
    const shutdown = async (code: number) => {
        if (stopping) {
            return;
        }
        stopping = true;
        for (const stop of stops.reverse()) {
            try {
                await stop();
            } catch (error) {
                console.error(`sandbox: while stopping: ${(error as Error).message}`);
            }
        }
        console.log("Sandbox stopped.");
        process.exit(code);
    };
    process.on("SIGINT", () => void shutdown(0));
    process.on("SIGTERM", () => void shutdown(0));

    try {
        console.log(`Starting the sandbox of stack ${options.stack}`);
        let since = Date.now();
        const services = await ensureLocalServices(line => console.log(line));
        stops.push(() => services.stop());
        phase(services.started ? "local services started" : "local services already running", since);

        since = Date.now();
        const graph = await loadGraph(options.stack);
        phase(`program under mocks (${graph.resources.length} resources)`, since);

        since = Date.now();
        const aws = localAws(services.settings.moto);
        const replacements = new Replacements();
        const provisioned = await provisionAws(graph, aws, replacements);
        const stores = await provisionStores(graph, aws, services.settings, replacements);
        const codeDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandbox-functions-"));
        stops.push(() => fs.rmSync(codeDir, { recursive: true, force: true }));
        const functions = createFunctions(graph, services.settings, replacements, stateDir, codeDir);
        stops.push(() => Promise.all(functions.map(fn => fn.container.stop())).then(() => undefined));
        const log = new InvocationLog();
        const triggers = await startTriggers({
            graph,
            functions,
            aws,
            log,
            replacements,
            services: services.settings,
            scheduleEverySeconds: options.scheduleEverySeconds,
        });
        stops.push(() => Promise.all(triggers.running.map(r => r.stop())).then(() => undefined));
        const status = new StatusSource(graph, functions, triggers.triggers, aws, log, replacements);
        const server = await startServer(options.port, status, triggers.apis);
        stops.push(() => new Promise<void>(resolve => server.close(() => resolve())));
        phase("resources, functions and triggers", since);

        const port = (server.address() as AddressInfo).port;
        const endpoints = endpointsOf(
            options.stack,
            port,
            aws.settings.region,
            aws.settings.endpoint,
            provisioned,
            stores,
            triggers,
            codeDir,
        );
        printReport(endpoints, functions, triggers, writeEndpoints(stateDir, endpoints));
        console.log(`Sandbox ready in ${((Date.now() - began) / 1000).toFixed(1)}s`);
        return -1;
    } catch (error) {
        console.error(`sandbox: ${(error as Error).stack ?? String(error)}`);
        await shutdown(1);
        return 1;
    }
}

main().then(code => {
    if (code >= 0) {
        process.exit(code);
    }
});
