// One way to write a rule: the kinds it applies to and a check of one resource. The builders make
// the CrossGuard policy, so no rule repeats the kind filter, and each resource is judged on its own:
// a value unknown at preview leaves that one resource undecided (reported by name by the
// `preview-unverified` policy) instead of switching the rule off for the whole stack.
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { isKind, ResourceKind } from "./resource-types";

export type Level = "mandatory" | "advisory";

/** What a check reads of one resource: the same fields in resource and stack policies. */
export interface Subject {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
}

/** Reports one problem of the checked resource (stack checks may name another resource's URN). */
export type Problem = (message: string, urn?: string) => void;

export interface RuleInfo {
    name: string;
    description: string;
    enforcementLevel: Level;
    kinds: ResourceKind[];
    /** Ids of the anchor rows (cdk-nag, Security Hub, awsguard) the rule implements; empty for the project's own. */
    anchors: string[];
    /**
     * What the rule reads that a first preview may not know (e.g. "a policy document naming ARNs of
     * this stack"). Rules without it decide at preview; with it, such resources are decided at `up`.
     */
    unknownAtPreview?: string;
}

export interface ResourceRuleSpec extends RuleInfo {
    check: (subject: Subject, report: Problem) => void;
}

export interface StackRuleSpec extends RuleInfo {
    /** Checks one resource of the kinds, with every resource of the stack to follow links. */
    check: (subject: PolicyResource, resources: PolicyResource[], report: Problem) => void;
}

/** A policy of this pack, with what the docs, the coverage table and the preview report need. */
export type PackPolicy = (ResourceValidationPolicy | StackValidationPolicy) & {
    rule: RuleInfo;
    /** Runs the check of one resource; returns the unknown value that kept it from deciding, if any. */
    undecided(subject: PolicyResource, resources: PolicyResource[]): UnknownValueError | undefined;
};

/** Runs a check; an unknown value ends it for this resource only (problems found before it stand). */
function judged(run: () => void): UnknownValueError | undefined {
    try {
        run();
        return undefined;
    } catch (error) {
        if (error instanceof UnknownValueError) {
            return error;
        }
        throw error;
    }
}

/** Runs the check of a resource of the rule's kinds (others are not the rule's business). */
function judgedIfOfKinds(spec: RuleInfo, type: string, run: () => void): UnknownValueError | undefined {
    return spec.kinds.some(kind => isKind(type, kind)) ? judged(run) : undefined;
}

/** What every policy of the pack carries besides its validation: CrossGuard's fields and the rule's info. */
function policyFields(spec: RuleInfo): Pick<PackPolicy, "name" | "description" | "enforcementLevel" | "rule"> {
    const { name, description, enforcementLevel, kinds, anchors, unknownAtPreview } = spec;
    return { name, description, enforcementLevel, rule: { name, description, enforcementLevel, kinds, anchors, unknownAtPreview } };
}

/** A resource policy: runs before each resource of the kinds is created or updated. */
export function resourceRule(spec: ResourceRuleSpec): PackPolicy {
    const judge = (subject: Subject, report: Problem) => judgedIfOfKinds(spec, subject.type, () => spec.check(subject, report));
    return {
        ...policyFields(spec),
        validateResource: (args, report) => void judge(args, report),
        undecided: subject => judge(subject, () => undefined),
    };
}

/** A stack policy: for rules that follow property dependencies to other resources. */
export function stackRule(spec: StackRuleSpec): PackPolicy {
    const judge = (subject: PolicyResource, resources: PolicyResource[], report: Problem) =>
        judgedIfOfKinds(spec, subject.type, () => spec.check(subject, resources, report));
    return {
        ...policyFields(spec),
        validateStack: (args, report) => {
            for (const subject of args.resources) {
                judge(subject, args.resources, (message, urn) => report(message, urn ?? subject.urn));
            }
        },
        undecided: (subject, resources) => judge(subject, resources, () => undefined),
    };
}

/**
 * The advisory report of what a preview could not decide: each resource a rule could not judge,
 * by name, with the value that was unknown. The same rules decide it during `pulumi up`.
 */
export function previewUnverified(rules: PackPolicy[]): StackValidationPolicy {
    return {
        name: "preview-unverified",
        description:
            "Names each resource a rule cannot verify at preview because a value it decides on is not known yet; the rule decides during pulumi up.",
        enforcementLevel: "advisory",
        validateStack: (args, report) => {
            for (const rule of rules) {
                for (const subject of args.resources) {
                    const unknown = rule.undecided(subject, args.resources);
                    if (unknown !== undefined) {
                        report(
                            `${subject.type} ${subject.name} cannot be verified at preview by ${rule.name}: ${unknown.message}; it is checked during pulumi up`,
                            subject.urn,
                        );
                    }
                }
            }
        },
    };
}
