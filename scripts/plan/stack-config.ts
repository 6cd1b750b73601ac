// Reads Pulumi.yaml and Pulumi.<stack>.yaml the way the Pulumi CLI would: project defaults first,
// stack values over them, each checked against its declared type.
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

/** Bad input to the plan: unknown stack, unreadable file, value of the wrong type. */
export class PlanInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PlanInputError";
    }
}

export interface StackConfig {
    project: string;
    stack: string;
    /** Fully-qualified keys (`project:key`, `aws:region`) to values as the runtime stores them. */
    values: Record<string, string>;
}

type Declared = "string" | "integer" | "boolean" | "array";
interface Declaration {
    type?: Declared;
    default?: unknown;
    value?: unknown;
}

function readYaml(file: string): Record<string, unknown> {
    let parsed: unknown;
    try {
        parsed = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new PlanInputError(`cannot read ${path.basename(file)}: ${(error as Error).message}`);
    }
    if (parsed === null || parsed === undefined) {
        return {};
    }
    if (typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new PlanInputError(`${path.basename(file)} must hold a YAML mapping`);
    }
    return parsed as Record<string, unknown>;
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function asRuntimeValue(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

function checkType(key: string, value: unknown, type: Declared | undefined): void {
    const ok =
        type === undefined ||
        (type === "string" && typeof value === "string") ||
        (type === "integer" && Number.isInteger(value)) ||
        (type === "boolean" && typeof value === "boolean") ||
        (type === "array" && Array.isArray(value));
    if (!ok) {
        throw new PlanInputError(`config ${key} must be of type ${type} (got ${JSON.stringify(value)})`);
    }
}

/** Lists the stacks that have a `Pulumi.<stack>.yaml` next to `Pulumi.yaml`. */
export function availableStacks(projectDir: string): string[] {
    return fs
        .readdirSync(projectDir)
        .map(file => /^Pulumi\.([\w.-]+)\.ya?ml$/.exec(file)?.[1])
        .filter((stack): stack is string => stack !== undefined)
        .sort();
}

export function loadStackConfig(projectDir: string, stack: string): StackConfig {
    if (!/^[\w.-]+$/.test(stack)) {
        throw new PlanInputError(`invalid stack name ${JSON.stringify(stack)}`);
    }
    const project = readYaml(path.join(projectDir, "Pulumi.yaml"));
    const projectName = String(project.name ?? "");
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!fs.existsSync(stackFile)) {
        throw new PlanInputError(
            `unknown stack ${JSON.stringify(stack)}: no Pulumi.${stack}.yaml (stacks: ${availableStacks(projectDir).join(", ")})`,
        );
    }

    const declarations = new Map<string, Declaration>();
    const values: Record<string, string> = {};
    for (const [key, declared] of Object.entries((project.config ?? {}) as Record<string, unknown>)) {
        const qualified = qualify(projectName, key);
        const declaration: Declaration =
            typeof declared === "object" && declared !== null && !Array.isArray(declared)
                ? (declared as Declaration)
                : { default: declared };
        declarations.set(qualified, declaration);
        const initial = declaration.value ?? declaration.default;
        if (initial !== undefined) {
            checkType(qualified, initial, declaration.type);
            values[qualified] = asRuntimeValue(initial);
        }
    }

    const stackSettings = readYaml(stackFile);
    for (const [key, value] of Object.entries((stackSettings.config ?? {}) as Record<string, unknown>)) {
        const qualified = qualify(projectName, key);
        if (typeof value === "object" && value !== null && "secure" in value) {
            throw new PlanInputError(
                `config ${qualified} is an encrypted secret: the offline plan cannot decrypt it; give it a plaintext stand-in in a copy of the stack file`,
            );
        }
        checkType(qualified, value, declarations.get(qualified)?.type);
        values[qualified] = asRuntimeValue(value);
    }
    return { project: projectName, stack, values };
}
