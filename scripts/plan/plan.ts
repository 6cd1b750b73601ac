// `npm run plan -- <stack> [--json]`: the closest thing to `pulumi preview --policy-pack policy`
// that needs no cloud, CLI or credentials. Exit 0: no mandatory violation; 1: some; 2: bad input.
// `--cost` adds the monthly estimate (and the budget rule); `--diagram <file.svg|file.mmd>` draws it.
import { ConfigError } from "../../config/platform-config";
import { CostEstimate } from "./cost/estimate";
import { formatEstimate } from "./cost/report";
import { PlanDetail, PlanPhase, planPhases, PlanResult, planStackDetail, projectDir as defaultProjectDir } from "./offline-plan";
import { costOfPlan, writeDiagramOfPlan } from "./plan-extras";
import { PlanInputError } from "./stack-config";

const usage = "usage: npm run plan -- <stack> [--json] [--cost] [--diagram <file.svg|file.mmd>] [--phase preview|up]";
const flags = ["--json", "--cost"];

/** Takes `--diagram <file>` out of the arguments; `file` is null when the flag has no value. */
function takeDiagram(argv: string[]): { rest: string[]; file?: string | null } {
    const at = argv.indexOf("--diagram");
    if (at < 0) {
        return { rest: argv };
    }
    const file = argv[at + 1];
    return { rest: [...argv.slice(0, at), ...argv.slice(at + 2)], file: file === undefined || file.startsWith("--") ? null : file };
}

function printTree(result: PlanResult): void {
    const children = new Map<string | null, PlanResult["resources"]>();
    for (const resource of result.resources) {
        const siblings = children.get(resource.parent) ?? [];
        siblings.push(resource);
        children.set(resource.parent, siblings);
    }
    const print = (parent: string | null, depth: number) => {
        for (const resource of children.get(parent) ?? []) {
            console.log(`${"  ".repeat(depth)}${resource.type}  ${resource.name}`);
            print(resource.urn, depth + 1);
        }
    };
    console.log(`Stack ${result.stack}: ${result.resources.length} resources`);
    print(null, 1);
}

function printViolations(result: PlanResult): void {
    const mandatory = result.violations.filter(v => v.level === "mandatory");
    console.log(`\nPolicy violations: ${mandatory.length} mandatory, ${result.violations.length - mandatory.length} advisory`);
    for (const violation of result.violations) {
        console.log(`  [${violation.level}] ${violation.policy}: ${violation.message}${violation.urn ? `\n      ${violation.urn}` : ""}`);
    }
}

export interface PlanCliOptions {
    /** Directory holding Pulumi.yaml and the stack files. Default: this project. */
    projectDir?: string;
    /** Program module to run. Default: the project's index.ts. */
    programPath?: string;
}

/** The plan command: prints the plan and returns the exit code. */
/** Takes `--phase <name>` (or `--phase=<name>`) out of the arguments; undefined phase when the value is not one. */
function takePhase(argv: string[]): { phase: PlanPhase | undefined; rest: string[] } {
    const index = argv.findIndex(arg => arg === "--phase" || arg.startsWith("--phase="));
    if (index < 0) {
        return { phase: "preview", rest: argv };
    }
    const inline = argv[index].startsWith("--phase=");
    const value = inline ? argv[index].slice("--phase=".length) : argv[index + 1];
    const rest = argv.filter((_, i) => i !== index && (inline || i !== index + 1));
    return { phase: planPhases.find(phase => phase === value), rest };
}

export async function runPlanCli(argv: string[], options: PlanCliOptions = {}): Promise<number> {
    const { phase, rest: withoutPhase } = takePhase(argv);
    const diagram = takeDiagram(withoutPhase);
    const args = diagram.rest;
    const json = args.includes("--json");
    const cost = args.includes("--cost");
    const positional = args.filter(arg => !arg.startsWith("--"));
    const unknownFlags = args.filter(arg => arg.startsWith("--") && !flags.includes(arg));
    if (positional.length !== 1 || unknownFlags.length > 0 || diagram.file === null || phase === undefined) {
        console.error(usage);
        return 2;
    }
    let result: PlanResult;
    let estimate: CostEstimate | undefined;
    try {
        const detail: PlanDetail = await planStackDetail(
            positional[0],
            options.projectDir ?? defaultProjectDir,
            options.programPath,
            phase,
        );
        result = detail.result;
        estimate = cost ? costOfPlan(detail) : undefined;
        if (diagram.file !== undefined) {
            const drawn = await writeDiagramOfPlan(detail, diagram.file);
            (json ? console.error : console.log)(`Wrote ${diagram.file}: ${drawn.nodes.length} nodes, ${drawn.edges.length} flows`);
        }
    } catch (error) {
        if (error instanceof PlanInputError || error instanceof ConfigError) {
            console.error(`plan: ${error.message}`);
            return 2;
        }
        console.error(`plan: the program failed under mocks: ${(error as Error).stack ?? String(error)}`);
        return 1;
    }
    if (json) {
        console.log(JSON.stringify(estimate ? { ...result, cost: estimate } : result, null, 2));
    } else if (estimate) {
        console.log(formatEstimate(estimate));
        printViolations(result);
    } else {
        printTree(result);
        printViolations(result);
        console.log(
            `\nPhase: ${result.phase}${result.phase === "up" ? " (every value known, as during pulumi up)" : " (ids and ARNs of new resources unknown)"}`,
        );
    }
    return result.violations.some(v => v.level === "mandatory") ? 1 : 0;
}

if (require.main === module) {
    runPlanCli(process.argv.slice(2)).then(
        code => {
            process.exitCode = code;
        },
        error => {
            console.error(error);
            process.exitCode = 1;
        },
    );
}
