// One way to write a rule: the kinds it applies to and a check of one resource. The helpers build
// the CrossGuard policy, so no rule repeats the kind filter.
import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
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

interface RuleBase {
    name: string;
    description: string;
    enforcementLevel: Level;
    kinds: ResourceKind[];
}

export interface ResourceRuleSpec extends RuleBase {
    check: (subject: Subject, report: Problem) => void;
}

export interface StackRuleSpec extends RuleBase {
    /** Checks one resource of the kinds, with every resource of the stack to follow links. */
    check: (subject: PolicyResource, resources: PolicyResource[], report: Problem) => void;
}

function ofKinds(type: string, kinds: ResourceKind[]): boolean {
    return kinds.some(kind => isKind(type, kind));
}

/** A resource policy: runs before each resource of the kinds is created or updated. */
export function resourceRule(spec: ResourceRuleSpec): ResourceValidationPolicy {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        validateResource: (args, report) => {
            if (ofKinds(args.type, spec.kinds)) {
                spec.check(args, (message, urn) => report(message, urn));
            }
        },
    };
}

/** A stack policy: for rules that follow property dependencies to other resources. */
export function stackRule(spec: StackRuleSpec): StackValidationPolicy {
    return {
        name: spec.name,
        description: spec.description,
        enforcementLevel: spec.enforcementLevel,
        validateStack: (args, report) => {
            for (const subject of args.resources.filter(resource => ofKinds(resource.type, spec.kinds))) {
                spec.check(subject, args.resources, (message, urn) => report(message, urn ?? subject.urn));
            }
        },
    };
}
