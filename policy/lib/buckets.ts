// In @pulumi/aws v7 a bucket's encryption, versioning, public access block and policy are separate
// resources. A stack policy links each bucket to them through their `bucket` property dependency.
import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { isKind, ResourceKind } from "./resource-types";

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
    kind: ResourceKind;
    /** What the bucket lacks when no configuration of `kind` is linked to it. */
    missing: string;
    /** The problem with one configuration resource, or undefined when it complies. */
    problem: (configuration: PolicyResource) => string | undefined;
}

/** Each bucket of the stack needs at least one linked configuration of the kind that complies. */
export function bucketConfigurationPolicy(rule: BucketConfigurationRule): StackValidationPolicy {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        validateStack: (args, report) => {
            for (const bucket of args.resources.filter(resource => isKind(resource.type, "bucket"))) {
                const configurations = configurationsOf(bucket, args.resources, rule.kind);
                if (configurations.length === 0) {
                    report(`bucket ${bucket.name} has no ${rule.missing}`, bucket.urn);
                    continue;
                }
                const problems = configurations.map(rule.problem);
                if (problems.every(problem => problem !== undefined)) {
                    report(`bucket ${bucket.name}: ${problems.join("; ")}`, bucket.urn);
                }
            }
        },
    };
}
