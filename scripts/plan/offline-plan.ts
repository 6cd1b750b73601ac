// The offline plan: the program under mocks with a stack's config, the awsx children a real preview
// would register, the values a preview would not know yet, and the policy pack's verdicts.
import * as path from "path";
import { parsePlatformConfig, PlatformConfig } from "../../config/platform-config";
import { policies as packPolicies } from "../../policy/policies";
import { allAliases } from "./aliases";
import { captureProgram, CapturedResource } from "./capture";
import { withAwsxChildren } from "./awsx-vpc-model";
import { EvaluatedResource, evaluatePolicies, Violation } from "./evaluate";
import { asPreview } from "./preview";
import { loadStackConfig, StackConfig } from "./stack-config";

export const projectDir = path.resolve(__dirname, "..", "..");

export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    parent: string | null;
    /** URNs this resource was known under (its own aliases and those inherited from its parents). */
    aliases: string[];
}

/**
 * `preview`: a first `pulumi preview`, where ids and ARNs of resources being created are unknown.
 * `up`: the pack's second run during `pulumi up`, where every value is known.
 */
export type PlanPhase = "preview" | "up";
export const planPhases: PlanPhase[] = ["preview", "up"];

export interface PlanResult {
    stack: string;
    phase: PlanPhase;
    resources: PlanResource[];
    violations: Violation[];
}

/**
 * What the engine itself refuses: an AWS resource on the default provider when the stack disables
 * it, including the children of a remote component that was given no AWS provider.
 */
function defaultProviderViolations(config: StackConfig, resources: CapturedResource[]): Violation[] {
    const disabled = JSON.parse(config.values["pulumi:disable-default-providers"] ?? "[]") as string[];
    if (!disabled.includes("aws") && !disabled.includes("*")) {
        return [];
    }
    return resources
        .filter(r => r.custom && r.type.startsWith("aws:") && (r.provider === "" || r.provider === undefined))
        .map(r => ({
            policy: "pulumi:default-provider-disabled",
            level: "mandatory" as const,
            urn: r.urn,
            message: `${r.type} ${r.name} would use the default aws provider, which this stack disables: give it the program's provider`,
        }));
}

/** A plan with the resources behind it (awsx children included), for the cost estimate and the diagram. */
export interface PlanDetail {
    config: StackConfig;
    result: PlanResult;
    resources: CapturedResource[];
}

/** Runs the plan for captured resources (exposed for tests that build their own programs). */
export async function planFromCapture(
    config: StackConfig,
    captured: CapturedResource[],
    computedValues: string[],
    phase: PlanPhase = "preview",
): Promise<PlanResult> {
    return (await planDetailFromCapture(config, captured, computedValues, phase)).result;
}

export async function planDetailFromCapture(
    config: StackConfig,
    captured: CapturedResource[],
    computedValues: string[],
    phase: PlanPhase = "preview",
): Promise<PlanDetail> {
    const resources = withAwsxChildren(captured);
    const computed = new Set(phase === "preview" ? computedValues : []);
    const evaluated: EvaluatedResource[] = resources.map(r => ({ ...r, props: asPreview(r.inputs, computed) as Record<string, unknown> }));
    const violations = [...defaultProviderViolations(config, resources), ...(await evaluatePolicies(packPolicies, evaluated))];
    const aliases = allAliases(resources.map(r => ({ ...r, aliases: r.aliases ?? [] })));
    const result = {
        stack: config.stack,
        phase,
        resources: resources.map(r => ({
            urn: r.urn,
            type: r.type,
            name: r.name,
            parent: r.parent ?? null,
            aliases: aliases.get(r.urn) ?? [],
        })),
        violations,
    };
    return { config, result, resources };
}

/** The plan of one stack of this project. Throws PlanInputError or ConfigError on bad input. */
export async function planStackDetail(
    stack: string,
    dir = projectDir,
    programPath = path.join(dir, "index.ts"),
    phase: PlanPhase = "preview",
): Promise<PlanDetail> {
    const config = loadStackConfig(dir, stack);
    // The program validates the same way; checking first turns a bad value into exit code 2.
    parsePlatformConfig(key => config.values[`${config.project}:${key as keyof PlatformConfig}`]);
    const capture = await captureProgram(config, programPath);
    return planDetailFromCapture(config, capture.resources, capture.computedValues, phase);
}
