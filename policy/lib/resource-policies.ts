// Resource policies (topics, queues, keys, buses) attach to their resource inline (`policy`) or
// through a separate policy resource whose property depends on it. Shared builders for "not open
// to everyone" and "denies requests without TLS".
import { PolicyResource } from "@pulumi/policy";
import { deniesInsecureTransport, openAllowStatements, statementsOf } from "./policy-documents";
import { isKind, ResourceKind } from "./resource-types";
import { Level, PackPolicy, resourceRule, stackRule } from "./rule";

interface OpenPolicyRuleSpec {
    name: string;
    description: string;
    anchors: string[];
    /** The resources whose `policy` (or `accessPolicies`) property holds a resource policy. */
    kinds: ResourceKind[];
    property?: string;
}

/** Mandatory: no Allow statement admits everyone (Principal "*", NotPrincipal) without a condition. */
export function openPolicyRule(spec: OpenPolicyRuleSpec): PackPolicy {
    const property = spec.property ?? "policy";
    return resourceRule({
        ...spec,
        enforcementLevel: "mandatory",
        unknownAtPreview: "a policy document given as a JSON string built from ARNs of this stack",
        check: (holder, report) => {
            const open = openAllowStatements(holder.props[property]);
            for (const statement of open) {
                report(
                    `${holder.type} ${holder.name}: ${property} allows ${JSON.stringify(statement.Action ?? statement.NotAction)} to everyone without a condition: name the principals, or add a condition such as aws:SourceAccount`,
                );
            }
        },
    });
}

/** Policy resources of `policyKind` whose `link` property depends on `subject`. */
export function linkedPolicies(
    subject: PolicyResource,
    resources: PolicyResource[],
    policyKind: ResourceKind,
    link: string,
): PolicyResource[] {
    return resources.filter(
        resource => isKind(resource.type, policyKind) && (resource.propertyDependencies[link] ?? []).some(d => d.urn === subject.urn),
    );
}

interface TlsOnlyRuleSpec {
    name: string;
    description: string;
    anchors: string[];
    enforcementLevel: Level;
    kind: ResourceKind;
    policyKind: ResourceKind;
    /** The policy resource's property that names the subject (queueUrl, arn). */
    link: string;
    /** Actions a TLS deny must cover (a Deny of "*" covers all). */
    actions: string[];
}

/** Each resource of `kind` has a policy, inline or linked, denying `actions` without TLS. */
export function tlsOnlyRule(spec: TlsOnlyRuleSpec): PackPolicy {
    return stackRule({
        ...spec,
        kinds: [spec.kind],
        unknownAtPreview: "a policy document given as a JSON string built from ARNs of this stack",
        check: (subject, resources, report) => {
            const documents = [
                ...("policy" in subject.props ? [subject.props.policy] : []),
                ...linkedPolicies(subject, resources, spec.policyKind, spec.link).map(policy => policy.props.policy),
            ];
            const denies = documents.some(document =>
                statementsOf(document).some(statement => deniesInsecureTransport(statement, spec.actions)),
            );
            if (!denies) {
                report(
                    `${subject.type} ${subject.name} accepts requests without TLS: add a policy statement that denies ${spec.actions.join(", ")} to "*" when aws:SecureTransport is "false"`,
                );
            }
        },
    });
}
