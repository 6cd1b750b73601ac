// IAM and resource policy documents arrive as JSON strings or as objects; both are read the same way.
// A JSON string built from unknown ARNs is unknown as a whole at preview: reading it throws, and the
// rule builders of lib/rule.ts leave that one resource undecided until `pulumi up`.
import { isRecord, listOf } from "./values";

export type Statement = Record<string, unknown>;

/** Every statement of a document. */
export function statementsOf(document: unknown): Statement[] {
    const parsed = typeof document === "string" ? (JSON.parse(document) as unknown) : document;
    return isRecord(parsed) ? listOf(parsed.Statement).filter(isRecord) : [];
}

function strings(value: unknown): string[] {
    return listOf(value).filter((item): item is string => typeof item === "string");
}

export interface AllowStatement {
    actions: string[];
    /** Read on demand: resources are often ARNs unknown at preview, which actions are not. */
    resources(): string[];
    /** Set when the statement allows every action except the listed ones (NotAction). */
    notActions?: string[];
    /** Set when the statement allows on every resource except the listed ones (NotResource). */
    notResources?: string[];
}

/** The Allow statements of a policy document with their actions and resources. */
export function allowStatements(document: unknown): AllowStatement[] {
    return statementsOf(document)
        .filter(statement => statement.Effect === "Allow")
        .map(statement => ({
            actions: strings(statement.Action),
            resources: () => strings(statement.Resource),
            ...("NotAction" in statement ? { notActions: strings(statement.NotAction) } : {}),
            ...("NotResource" in statement ? { notResources: strings(statement.NotResource) } : {}),
        }));
}

/** An action that grants every action, or every action of a service. */
export function isWildcardAction(action: string): boolean {
    return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/** A principal that names everyone: `"*"`, `{ AWS: "*" }` or a list holding `"*"`. */
export function isEveryone(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    return isRecord(principal) && Object.values(principal).some(value => listOf(value).includes("*"));
}

/**
 * Allow statements of a resource policy that admit everyone without a condition to narrow them:
 * the open-access case of cdk-nag AwsSolutions-OS5 and Security Hub's "not public" controls.
 */
export function openAllowStatements(document: unknown): Statement[] {
    return statementsOf(document).filter(
        statement =>
            statement.Effect === "Allow" &&
            (isEveryone(statement.Principal) || "NotPrincipal" in statement) &&
            statement.Condition === undefined,
    );
}

/** A statement denying everyone any of `actions` (or all of them) when the request is not over TLS. */
export function deniesInsecureTransport(statement: Statement, actions: string[]): boolean {
    const listed = strings(statement.Action);
    const condition = isRecord(statement.Condition) && isRecord(statement.Condition.Bool) ? statement.Condition.Bool : {};
    return (
        statement.Effect === "Deny" &&
        isEveryone(statement.Principal) &&
        listed.some(action => action === "*" || actions.includes(action)) &&
        String(condition["aws:SecureTransport"]) === "false"
    );
}
