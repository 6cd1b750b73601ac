// IAM policy documents arrive as JSON strings or as objects; both are read the same way.
import { isRecord, listOf } from "./values";

export interface AllowStatement {
    actions: string[];
}

/**
 * The Allow statements of a policy document with their actions. A JSON string built from unknown
 * ARNs is unknown as a whole at preview, and so is a statement whose Action is computed: reading it
 * throws and the engine reports the policy as not runnable during preview (advisory). This program
 * passes documents as objects so that actions stay known.
 */
export function allowStatements(document: unknown): AllowStatement[] {
    const parsed = typeof document === "string" ? (JSON.parse(document) as unknown) : document;
    if (!isRecord(parsed)) {
        return [];
    }
    return listOf(parsed.Statement)
        .filter(isRecord)
        .filter(statement => statement.Effect === "Allow")
        .map(statement => ({
            actions: listOf(statement.Action).filter((action): action is string => typeof action === "string"),
        }));
}

/** An action that grants every action, or every action of a service. */
export function isWildcardAction(action: string): boolean {
    return action === "*" || /^[a-z0-9-]+:\*$/i.test(action);
}

/** A principal that names everyone: `"*"`, `{ AWS: "*" }` or a list holding `"*"`. */
function isEveryone(principal: unknown): boolean {
    if (principal === "*") {
        return true;
    }
    return isRecord(principal) && Object.values(principal).some(value => listOf(value).includes("*"));
}

/**
 * Allow statements of a resource policy that admit everyone without a condition to narrow them:
 * the open-access case of cdk-nag AwsSolutions-OS5 and Security Hub's "not public" controls.
 */
export function openAllowStatements(document: unknown): Record<string, unknown>[] {
    const parsed = typeof document === "string" ? (JSON.parse(document) as unknown) : document;
    if (!isRecord(parsed)) {
        return [];
    }
    return listOf(parsed.Statement)
        .filter(isRecord)
        .filter(statement => statement.Effect === "Allow" && isEveryone(statement.Principal) && statement.Condition === undefined);
}
