// In @pulumi/aws v7 a bucket's encryption, versioning, public access block and policy are separate
// resources. A stack policy links each bucket to them through their `bucket` property dependency.
import { PolicyResource } from "@pulumi/policy";
import { isKind, ResourceKind } from "./resource-types";
import { PackPolicy, stackRule } from "./rule";

/** Configuration resources of `kind` whose `bucket` property comes from `bucket`. */
export function configurationsOf(bucket: PolicyResource, resources: PolicyResource[], kind: ResourceKind): PolicyResource[] {
    return resources.filter(
        resource =>
            isKind(resource.type, kind) && (resource.propertyDependencies.bucket ?? []).some(dependency => dependency.urn === bucket.urn),
    );
}

export interface BucketConfigurationRule {
    name: string;
    description: string;
    enforcementLevel: "mandatory" | "advisory";
    anchors: string[];
    unknownAtPreview?: string;
    kind: ResourceKind;
    /** What the bucket lacks when no configuration of `kind` is linked to it. */
    missing: string;
    /** The problem with one configuration resource, or undefined when it complies. */
    problem: (configuration: PolicyResource) => string | undefined;
}

/** Each bucket of the stack needs at least one linked configuration of the kind that complies. */
export function bucketConfigurationPolicy(rule: BucketConfigurationRule): PackPolicy {
    return stackRule({
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        anchors: rule.anchors,
        unknownAtPreview: rule.unknownAtPreview,
        kinds: ["bucket"],
        check: (bucket, resources, report) => {
            const configurations = configurationsOf(bucket, resources, rule.kind);
            if (configurations.length === 0) {
                report(`bucket ${bucket.name} has no ${rule.missing}`);
                return;
            }
            const problems = configurations.map(rule.problem);
            if (problems.every(problem => problem !== undefined)) {
                report(`bucket ${bucket.name}: ${problems.join("; ")}`);
            }
        },
    });
}
