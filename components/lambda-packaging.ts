// Which npm packages ship inside a Lambda archive.
// CallbackFunction zips every production dependency into every function unless told otherwise,
// so each function names the packages it needs and everything else is excluded.
import * as fs from "fs";
import * as path from "path";

const projectDir = path.join(__dirname, "..");
const manifestPath = path.join(projectDir, "package.json");

interface PackageManifest {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
}

function readManifest(file: string): PackageManifest {
    return JSON.parse(fs.readFileSync(file, "utf8")) as PackageManifest;
}

/** Production dependencies of the project, i.e. what CallbackFunction would ship. */
export function productionDependencies(): string[] {
    return Object.keys(readManifest(manifestPath).dependencies ?? {});
}

/** The installed folder of `name` as Node would resolve it from `fromDir`, if any. */
function packageDir(name: string, fromDir: string): string | undefined {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "node_modules", name);
        if (fs.existsSync(path.join(candidate, "package.json"))) {
            return candidate;
        }
        if (dir === path.dirname(dir)) {
            return undefined;
        }
    }
}

/** `shipped` and every package they depend on, transitively (by name). */
function withDependencies(shipped: string[]): Set<string> {
    const needed = new Set<string>();
    const pending = shipped.map(name => ({ name, fromDir: projectDir }));
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
        const dir = packageDir(next.name, next.fromDir);
        if (dir === undefined || needed.has(next.name)) {
            continue;
        }
        needed.add(next.name);
        const manifest = readManifest(path.join(dir, "package.json"));
        for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
            pending.push({ name: dependency, fromDir: dir });
        }
    }
    return needed;
}

/**
 * The packages to exclude so that only `shipped` (and what they depend on) reach the archive.
 * Pulumi skips an excluded name wherever it appears in the tree, so a direct dependency that a
 * shipped package also needs (e.g. `@aws-sdk/credential-provider-node` under `@aws-sdk/client-s3`)
 * must not be excluded. `@pulumi/*` packages are never shipped by Pulumi itself.
 */
export function excludedPackages(owner: string, shipped: string[]): string[] {
    const dependencies = productionDependencies();
    const missing = shipped.filter(name => !dependencies.includes(name));
    if (missing.length > 0) {
        throw new Error(`${owner}: packages ${missing.join(", ")} must be listed in package.json "dependencies" to ship in a Lambda`);
    }
    const needed = withDependencies(shipped);
    return dependencies.filter(name => !needed.has(name) && !name.startsWith("@pulumi/"));
}
