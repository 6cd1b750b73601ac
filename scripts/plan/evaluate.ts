// Evaluates the policy pack in-process over captured resources, with the semantics of the
// CrossGuard server: enforcement levels, unknown values downgrade a policy to advisory, stack
// policies get parents and (property) dependencies resolved to resource objects.
import {
    Policies,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
    unknownCheckingProxy,
    UnknownValueError,
} from "@pulumi/policy";
import { CapturedResource } from "./capture";

export type Level = "mandatory" | "advisory";

export interface Violation {
    policy: string;
    level: Level;
    urn: string;
    message: string;
}

/** A resource as a policy sees it: `props` are the inputs as a preview knows them. */
export interface EvaluatedResource extends CapturedResource {
    props: Record<string, unknown>;
}

class NotApplicable extends Error {}

const noOptions = {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    additionalSecretOutputs: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
};

function isTypeOf(type: string, resourceClass: unknown): boolean {
    return (resourceClass as { __pulumiType?: string }).__pulumiType === type;
}

function levelOf(policy: { enforcementLevel?: string }): Level | undefined {
    const level = policy.enforcementLevel ?? "advisory";
    if (level === "disabled") {
        return undefined;
    }
    return level === "advisory" ? "advisory" : "mandatory"; // remediate reports as mandatory, as the server does
}

function unknownMessage(policy: string, error: UnknownValueError): string {
    return `can't run policy '${policy}' during preview: ${error.message}`;
}

async function runResourcePolicy(
    policy: ResourceValidationPolicy,
    level: Level,
    resources: EvaluatedResource[],
    out: Violation[],
): Promise<void> {
    const validations = policy.validateResource === undefined ? [] : [policy.validateResource].flat();
    for (const resource of resources) {
        for (const validate of validations) {
            const props = unknownCheckingProxy(resource.props) as Record<string, unknown>;
            const args: ResourceValidationArgs = {
                type: resource.type,
                props,
                urn: resource.urn,
                name: resource.name,
                opts: { ...noOptions, parent: resource.parent },
                stackTags: new Map(),
                isType: resourceClass => isTypeOf(resource.type, resourceClass),
                asType: <T extends object>(resourceClass: unknown) =>
                    (isTypeOf(resource.type, resourceClass) ? props : undefined) as T | undefined,
                getConfig: <T extends object>() => ({}) as T,
                notApplicable: reason => {
                    throw new NotApplicable(reason);
                },
            } as ResourceValidationArgs;
            try {
                await validate(args, (message, urn) => out.push({ policy: policy.name, level, urn: urn ?? resource.urn, message }));
            } catch (error) {
                if (error instanceof UnknownValueError) {
                    out.push({ policy: policy.name, level: "advisory", urn: resource.urn, message: unknownMessage(policy.name, error) });
                } else if (!(error instanceof NotApplicable)) {
                    throw new Error(`policy ${policy.name} failed on ${resource.urn}: ${(error as Error).message}`);
                }
            }
        }
    }
}

function policyResources(resources: EvaluatedResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    for (const resource of resources) {
        const props = unknownCheckingProxy(resource.props) as Record<string, unknown>;
        byUrn.set(resource.urn, {
            type: resource.type,
            props,
            urn: resource.urn,
            name: resource.name,
            opts: { ...noOptions, parent: resource.parent },
            dependencies: [],
            propertyDependencies: {},
            isType: resourceClass => isTypeOf(resource.type, resourceClass),
            asType: resourceClass => (isTypeOf(resource.type, resourceClass) ? props : undefined) as never,
        });
    }
    const resolve = (urns: string[]) => urns.map(urn => byUrn.get(urn)).filter((r): r is PolicyResource => r !== undefined);
    for (const resource of resources) {
        const target = byUrn.get(resource.urn)!;
        target.parent = resource.parent === undefined ? undefined : byUrn.get(resource.parent);
        target.dependencies = resolve(resource.dependencies);
        for (const [property, urns] of Object.entries(resource.propertyDependencies)) {
            target.propertyDependencies[property] = resolve(urns);
        }
    }
    return [...byUrn.values()];
}

async function runStackPolicy(
    policy: StackValidationPolicy,
    level: Level,
    resources: EvaluatedResource[],
    out: Violation[],
): Promise<void> {
    const args: StackValidationArgs = {
        resources: policyResources(resources),
        stackTags: new Map(),
        getConfig: <T extends object>() => ({}) as T,
        notApplicable: reason => {
            throw new NotApplicable(reason);
        },
    };
    try {
        await policy.validateStack(args, (message, urn) => out.push({ policy: policy.name, level, urn: urn ?? "", message }));
    } catch (error) {
        if (error instanceof UnknownValueError) {
            out.push({ policy: policy.name, level: "advisory", urn: "", message: unknownMessage(policy.name, error) });
        } else if (!(error instanceof NotApplicable)) {
            throw new Error(`stack policy ${policy.name} failed: ${(error as Error).message}`);
        }
    }
}

/** Every violation the pack reports for these resources. */
export async function evaluatePolicies(policies: Policies, resources: EvaluatedResource[]): Promise<Violation[]> {
    const violations: Violation[] = [];
    for (const policy of policies) {
        const level = levelOf(policy);
        if (level === undefined) {
            continue;
        }
        if ("validateStack" in policy) {
            await runStackPolicy(policy, level, resources, violations);
        } else {
            await runResourcePolicy(policy, level, resources, violations);
        }
    }
    return violations;
}
