// Runs the Pulumi program under mocks and records every resource registration the way the engine
// sees it: type, name, parent, provider, inputs, dependencies and property dependencies.
import * as pulumi from "@pulumi/pulumi";
import { aliasUrn, AliasSpec } from "./aliases";
import { PlatformMocks } from "./mocks";
import { StackConfig } from "./stack-config";

export interface CapturedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    custom: boolean;
    /** Explicit provider reference (`urn::id`), empty when the default provider would be used. */
    provider: string;
    /** Providers a component passes on, by package (what a remote component's children use). */
    providers: Record<string, string>;
    inputs: Record<string, unknown>;
    dependencies: string[];
    propertyDependencies: Record<string, string[]>;
    /** URNs this resource was known under before (its `aliases` option). */
    aliases?: string[];
}

export interface ProgramCapture {
    project: string;
    stack: string;
    resources: CapturedResource[];
    /** Ids, ARNs and URLs the mocks invented (unknown in a real first preview). */
    computedValues: string[];
}

// Signatures of the engine's special values in the wire format (see @pulumi/pulumi runtime/rpc).
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";
const resourceSignature = "5cf8f73096256a8f31e491e813e4eb8e";
const assetSignatures = new Set(["c44067f5952c0a294b673a41bacd8c17", "0def7320c3a5731c473e5ecbe6d01bc7"]);
const signatureKey = "4dabf18193072939515e22adb298388d";

/** Turns wire values into plain JSON: secrets unwrapped, resource references as URNs, archives named. */
export function plainValue(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(plainValue);
    }
    if (value === null || typeof value !== "object") {
        return value;
    }
    const record = value as Record<string, unknown>;
    const signature = record[signatureKey];
    if (signature === secretSignature) {
        return plainValue(record.value);
    }
    if (signature === resourceSignature) {
        return record.urn;
    }
    if (typeof signature === "string" && assetSignatures.has(signature)) {
        return "<asset>";
    }
    return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, plainValue(item)]));
}

interface ListValue {
    getUrnsList(): string[];
}
interface AliasMessage {
    getUrn(): string;
    hasSpec(): boolean;
    getSpec(): {
        getName(): string;
        getType(): string;
        getStack(): string;
        getProject(): string;
        getParenturn(): string;
        getNoparent(): boolean;
    };
}
interface RegisterRequest {
    getAliasesList(): AliasMessage[];
    getType(): string;
    getName(): string;
    getParent(): string;
    getCustom(): boolean;
    getProvider(): string;
    getProvidersMap(): { forEach(callback: (value: string, key: string) => void): void };
    getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
    getDependenciesList(): string[];
    getPropertydependenciesMap(): { forEach(callback: (value: ListValue, key: string) => void): void };
}
interface RegisterResponse {
    getUrn(): string;
}
type RegisterCallback = (error: Error | null, response?: RegisterResponse) => void;
interface RecordingMonitor {
    registerResource(request: RegisterRequest, callback: RegisterCallback): void;
}

// The runtime's own drain of outstanding RPCs: internal in the typings, exported at run time.
const runtimeInternals = pulumi.runtime as unknown as { waitForRPCs(): Promise<void> };
function waitForRegistrations(): Promise<void> {
    return runtimeInternals.waitForRPCs();
}

export interface Capture {
    /** Registrations so far (grows while the program runs). */
    readonly resources: CapturedResource[];
    /** Waits until every registration has been answered. */
    settle(): Promise<void>;
    finish(): Promise<ProgramCapture>;
}

/** Installs mocks and config, then records each registration. */
export async function startCapture(config: StackConfig, mocks = new PlatformMocks()): Promise<Capture> {
    pulumi.runtime.setAllConfig(config.values);
    await pulumi.runtime.setMocks(mocks, config.project, config.stack, false);
    const resources: CapturedResource[] = [];
    const monitor = pulumi.runtime.getMonitor() as unknown as RecordingMonitor;
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) =>
        register(request, (error, response) => {
            if (!error && response) {
                const providers: Record<string, string> = {};
                request.getProvidersMap().forEach((value, key) => {
                    providers[key] = value;
                });
                const propertyDependencies: Record<string, string[]> = {};
                request.getPropertydependenciesMap().forEach((value, key) => {
                    propertyDependencies[key] = value.getUrnsList();
                });
                const parent = request.getParent() || undefined;
                const aliases = request.getAliasesList().map(alias => {
                    const spec = alias.hasSpec() ? alias.getSpec() : undefined;
                    const plain: AliasSpec = spec
                        ? {
                              name: spec.getName(),
                              type: spec.getType(),
                              stack: spec.getStack(),
                              project: spec.getProject(),
                              parentUrn: spec.getParenturn(),
                              noParent: spec.getNoparent(),
                          }
                        : { urn: alias.getUrn() };
                    return aliasUrn(plain, response.getUrn(), request.getType(), parent);
                });
                resources.push({
                    urn: response.getUrn(),
                    type: request.getType(),
                    name: request.getName(),
                    parent,
                    custom: request.getCustom(),
                    provider: request.getProvider(),
                    providers,
                    inputs: plainValue(request.getObject()?.toJavaScript() ?? {}) as Record<string, unknown>,
                    dependencies: request.getDependenciesList(),
                    propertyDependencies,
                    aliases,
                });
            }
            callback(error, response);
        });
    return {
        resources,
        settle: waitForRegistrations,
        async finish() {
            await waitForRegistrations();
            return { project: config.project, stack: config.stack, resources, computedValues: [...mocks.computedValues] };
        },
    };
}

/** Runs a program module inside a root stack resource, as `pulumi preview` would, and captures it. */
export async function captureProgram(config: StackConfig, programPath: string): Promise<ProgramCapture> {
    const capture = await startCapture(config);
    await pulumi.runtime.runInPulumiStack(async () => require(programPath));
    return capture.finish();
}
