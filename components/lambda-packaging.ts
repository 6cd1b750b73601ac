// Which npm packages ship inside a Lambda archive.
// CallbackFunction zips every production dependency into every function unless told otherwise,
// so each function names the packages it needs and every other production dependency is excluded.
import * as fs from "fs";
import * as path from "path";

const projectDir = path.join(__dirname, "..");

interface PackageManifest {
    dependencies?: Record<string, string>;
    optionalDependencies?: Record<string, string>;
}

function readManifest(dir: string): PackageManifest {
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as PackageManifest;
}

/** Production dependencies of the project, i.e. what CallbackFunction would ship. */
export function productionDependencies(): string[] {
    return Object.keys(readManifest(projectDir).dependencies ?? {});
}

/** Where Node would find `name` when required from `fromDir` (nested node_modules first). */
function installedDir(name: string, fromDir: string): string | undefined {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
        const candidate = path.join(dir, "node_modules", name);
        if (fs.existsSync(path.join(candidate, "package.json"))) {
            return candidate;
        }
        if (dir === projectDir || dir === path.dirname(dir)) {
            return undefined;
        }
    }
}

/** The packages `roots` need at run time, themselves included, as installed in this project. */
export function runtimeClosure(roots: string[]): Set<string> {
    const seen = new Set<string>();
    const visit = (name: string, fromDir: string) => {
        const dir = installedDir(name, fromDir);
        if (dir === undefined || seen.has(name)) {
            return; // an uninstalled optional dependency, or already walked
        }
        seen.add(name);
        const manifest = readManifest(dir);
        for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
            visit(dependency, dir);
        }
    };
    roots.forEach(root => visit(root, projectDir));
    return seen;
}

/**
 * The packages to exclude so that only `shipped` and what they need reach the archive. Pulumi drops
 * an excluded package even when a shipped one requires it, so the closure of `shipped` is kept.
 * `@pulumi/*` packages are never shipped by Pulumi itself, so they are left out of both lists.
 */
export function excludedPackages(owner: string, shipped: string[]): string[] {
    const dependencies = productionDependencies();
    const missing = shipped.filter(name => !dependencies.includes(name));
    if (missing.length > 0) {
        throw new Error(`${owner}: packages ${missing.join(", ")} must be listed in package.json "dependencies" to ship in a Lambda`);
    }
    const needed = runtimeClosure(shipped);
    return dependencies.filter(name => !needed.has(name) && !name.startsWith("@pulumi/"));
}
