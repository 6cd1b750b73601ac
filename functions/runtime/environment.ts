// The environment contract of a function, declared once: the component sets the variables from it
// (components/lambda-environment.ts) and the handler reads typed values back with `readEnvironment`.
// Plain objects and functions only: the declaration is serialized into the function's archive.

export type VariableKind = "string" | "integer";

export interface VariableSpec<K extends VariableKind = VariableKind> {
    /** The variable's name in the function's environment. */
    name: string;
    kind: K;
}

/** A contract: setting names to the variables that carry them. */
export type EnvironmentContract = Record<string, VariableSpec>;

type ValueOf<S extends VariableSpec> = S extends VariableSpec<"integer"> ? number : string;

/** The typed settings a contract yields. */
export type EnvironmentValues<C extends EnvironmentContract> = { [K in keyof C]: ValueOf<C[K]> };

export function stringVariable(name: string): VariableSpec<"string"> {
    return { name, kind: "string" };
}

export function integerVariable(name: string): VariableSpec<"integer"> {
    return { name, kind: "integer" };
}

/** Reads every variable of the contract; throws naming the first one missing or malformed. */
export function readEnvironment<C extends EnvironmentContract>(contract: C, env: NodeJS.ProcessEnv = process.env): EnvironmentValues<C> {
    const values: Record<string, string | number> = {};
    for (const [key, spec] of Object.entries(contract)) {
        const text = env[spec.name];
        if (text === undefined || text === "") {
            throw new Error(`environment variable ${spec.name} is not set`);
        }
        if (spec.kind === "integer") {
            const value = Number(text);
            if (!Number.isSafeInteger(value)) {
                throw new Error(`environment variable ${spec.name} must be an integer (got ${JSON.stringify(text)})`);
            }
            values[key] = value;
        } else {
            values[key] = text;
        }
    }
    return values as EnvironmentValues<C>;
}

/** The AWS region Lambda sets for every function. */
export const regionContract = { region: stringVariable("AWS_REGION") };
