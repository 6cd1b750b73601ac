// `npm run sandbox:demo`: drives every pipeline of the running sandbox like a user, one line per
// step (ok or failed, with its latency). Exit 0 when every step passed, 1 otherwise.
import { demoSteps } from "./demo-steps";
import { readEndpoints } from "./endpoints-file";
import { warehouseDemoSteps } from "./warehouse/demo-steps";

export interface StepResult {
    name: string;
    ok: boolean;
    ms: number;
    detail: string;
}

export async function runDemo(print: (line: string) => void = console.log, runId = Date.now().toString(36)): Promise<StepResult[]> {
    const endpoints = readEndpoints();
    const results: StepResult[] = [];
    for (const step of [...demoSteps(endpoints, runId), ...warehouseDemoSteps(endpoints, runId)]) {
        const startedAt = Date.now();
        let result: StepResult;
        try {
            result = { name: step.name, ok: true, ms: 0, detail: await step.run() };
        } catch (error) {
            result = { name: step.name, ok: false, ms: 0, detail: (error as Error).message };
        }
        result.ms = Date.now() - startedAt;
        results.push(result);
        print(`${result.ok ? "ok    " : "FAILED"} ${String(result.ms).padStart(6)} ms  ${result.name}: ${result.detail}`);
    }
    return results;
}

if (require.main === module) {
    runDemo().then(
        results => process.exit(results.every(r => r.ok) ? 0 : 1),
        error => {
            console.error(`demo: ${(error as Error).message}`);
            process.exit(1);
        },
    );
}
