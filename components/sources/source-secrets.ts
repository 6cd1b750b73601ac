// The Secrets Manager secrets `${SECRET:name}` references name: one per distinct name across every
// source, on the stack key, with no value. The value is put outside the program
// (`aws secretsmanager put-secret-value`), so it is never in config, state or a function's code.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformContext } from "../platform-context";
import type { SourceDefinition } from "../../functions/sources/source-definition";

/** The secret's name in Secrets Manager: per stack, so two stacks in one account do not share it. */
export function sourceSecretName(stack: string, reference: string): string {
    return `dataplatform/${stack}/sources/${reference}`;
}

/** Resource name of a reference's secret: letters, digits and dashes. */
function resourceName(name: string, reference: string): string {
    return `${name}-secret-${reference.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}

export function sourceSecrets(
    name: string,
    platform: PlatformContext,
    sources: SourceDefinition[],
    tags: Record<string, string>,
    parent: pulumi.Resource,
): Record<string, aws.secretsmanager.Secret> {
    const references = [...new Set(sources.flatMap(source => source.secrets))].sort();
    const byResource = new Map<string, string>();
    for (const reference of references) {
        const other = byResource.get(resourceName(name, reference));
        if (other) {
            throw new Error(`\${SECRET:${reference}} and \${SECRET:${other}} differ only in case or punctuation: use one name`);
        }
        byResource.set(resourceName(name, reference), reference);
    }
    return Object.fromEntries(
        references.map(reference => [
            reference,
            new aws.secretsmanager.Secret(
                resourceName(name, reference),
                {
                    name: sourceSecretName(pulumi.getStack(), reference),
                    description: `\${SECRET:${reference}} of the warehouse's sources; the value is set outside the program`,
                    kmsKeyId: platform.encryptionKey.arn,
                    tags,
                },
                { parent },
            ),
        ]),
    );
}
