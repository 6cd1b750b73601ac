// What a Lambda uploads: the serialized callback bundled by esbuild into one file.
// Pulumi's serializer writes the closure and `require`s the npm packages it captured; shipping
// those packages' folders would upload their declarations, ESM copies and maps too, and make a
// cold start load a thousand modules. esbuild keeps only the code that is reached, in one file.
import type * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import * as esbuild from "esbuild";
import * as fs from "fs";
import * as path from "path";

const projectDir = path.join(__dirname, "..");

/** The Node major of the Lambda runtime (`nodejs24.x`): what esbuild targets. */
export const bundleTarget = "node24";

/** How a function's code is bundled (shared with the benchmark's hand-written baseline). */
export const lambdaBuildOptions = {
    bundle: true,
    platform: "node",
    target: bundleTarget,
    format: "cjs",
    minify: true,
    // The serializer emits `with` blocks: no tsconfig may switch on strict mode.
    tsconfigRaw: "{}",
    // Lambda's runtime reads `exports.handler` of a CommonJS module; prefer packages' CJS builds.
    mainFields: ["main", "module"],
    legalComments: "none",
    logLevel: "silent",
} satisfies esbuild.BuildOptions;

/** The one file a function uploads, and what went into it. */
export interface LambdaBundle {
    /** Archive entry name; the handler is `__index.handler`. */
    fileName: "__index.js";
    code: string;
    /** npm packages the serialized code requires itself (each one named in the function's `packages`). */
    packages: string[];
    /** Every npm package with code in the bundle, the named ones' dependencies included. */
    bundledPackages: string[];
}

/** Production dependencies of the project: the only packages a function may name. */
export function productionDependencies(): string[] {
    const manifest = JSON.parse(fs.readFileSync(path.join(projectDir, "package.json"), "utf8")) as {
        dependencies?: Record<string, string>;
    };
    return Object.keys(manifest.dependencies ?? {});
}

/** Throws unless every named package is a production dependency (installed where the program deploys). */
export function assertProductionDependencies(owner: string, packages: string[]): void {
    const dependencies = productionDependencies();
    const missing = packages.filter(name => !dependencies.includes(name));
    if (missing.length > 0) {
        throw new Error(`${owner}: packages ${missing.join(", ")} must be listed in package.json "dependencies" to ship in a Lambda`);
    }
}

/** `node_modules/@scope/name/dist/x.js` -> `@scope/name`; undefined for a file outside node_modules. */
export function packageOf(file: string): string | undefined {
    const marker = "node_modules/";
    const at = file.lastIndexOf(marker);
    if (at < 0) {
        return undefined;
    }
    const parts = file.slice(at + marker.length).split("/");
    return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

/** The packages the serialized code itself imports, and every package that has code in the bundle. */
function packagesIn(metafile: esbuild.Metafile): { direct: string[]; all: string[] } {
    const direct = new Set<string>();
    const all = new Set<string>();
    for (const [file, input] of Object.entries(metafile.inputs)) {
        const owner = packageOf(file);
        if (owner !== undefined) {
            all.add(owner);
            continue;
        }
        for (const imported of input.imports) {
            const target = imported.external ? undefined : packageOf(imported.path);
            if (target !== undefined) {
                direct.add(target);
            }
        }
    }
    return { direct: [...direct].sort(), all: [...all].sort() };
}

/**
 * Bundles serialized handler text into one minified CommonJS file for the Lambda runtime.
 * `allowed` is the function's allow-list: a package the code reaches but the list does not name, or
 * a named one that is not a production dependency, fails with a message naming it.
 */
export async function bundleSerializedHandler(owner: string, serializedText: string, allowed: string[]): Promise<LambdaBundle> {
    assertProductionDependencies(owner, allowed);
    const result = await esbuild.build({
        ...lambdaBuildOptions,
        stdin: { contents: serializedText, resolveDir: projectDir, sourcefile: "__index.js", loader: "js" },
        absWorkingDir: projectDir,
        metafile: true,
        write: false,
    });
    const { direct, all } = packagesIn(result.metafile);
    const unnamed = direct.filter(name => !allowed.includes(name));
    if (unnamed.length > 0) {
        throw new Error(
            `${owner}: the code reaches ${unnamed.join(", ")}, which its \`packages\` do not name; add ${unnamed.length > 1 ? "them" : "it"} (and to package.json "dependencies") or stop using ${unnamed.length > 1 ? "them" : "it"}`,
        );
    }
    return { fileName: "__index.js", code: result.outputFiles[0].text, packages: direct, bundledPackages: all };
}

/**
 * A function's code: `factory` serialized as CallbackFunction serializes it, then bundled. A captured
 * secret makes the archive a Pulumi secret and warns, as CallbackFunction does. A bundling failure
 * rejects `bundle` and fails the program run through `code`.
 */
export function lambdaCode(
    owner: string,
    factory: () => unknown,
    packages: string[],
    resource: pulumi.Resource,
): { bundle: Promise<LambdaBundle>; code: pulumi.Output<pulumi.asset.Archive> } {
    const serialized = pulumi.runtime.serializeFunction(factory, { exportName: "handler", isFactoryFunction: true, allowSecrets: true });
    const bundle = serialized.then(closure => bundleSerializedHandler(owner, closure.text, packages));
    bundle.catch(() => undefined); // reported through `code`
    const code = pulumi.output(Promise.all([serialized, bundle])).apply(([closure, built]) => {
        const archive = new pulumi.asset.AssetArchive({ [built.fileName]: new pulumi.asset.StringAsset(built.code) });
        if (!closure.containsSecrets) {
            return pulumi.output(archive);
        }
        pulumi.log.warn(
            `${owner}: a secret value was captured into the code: it is stored as a Pulumi secret but is plain text ` +
                `inside the deployment package. Pass it through Secrets Manager or an environment variable instead.`,
            resource,
        );
        return pulumi.secret(archive);
    });
    return { bundle, code };
}

interface TextAsset {
    text?: Promise<string>;
}

/**
 * The files a function's code archive holds, by archive path, exactly as the function resource
 * receives them (what `pulumi up` zips and uploads). For an InlineLambda: `{ "__index.js": bundle }`.
 */
export async function uploadedFiles(fn: aws.lambda.Function): Promise<Record<string, string>> {
    const archive = await new Promise<pulumi.asset.Archive>(resolve => fn.code.apply(code => resolve(code as pulumi.asset.Archive)));
    const assets = await (archive as unknown as { assets: Promise<Record<string, TextAsset>> }).assets;
    const files: Record<string, string> = {};
    for (const [name, asset] of Object.entries(assets)) {
        if (asset.text === undefined) {
            throw new Error(`archive entry ${name} is not a file the program wrote`);
        }
        files[name] = await asset.text;
    }
    return files;
}
