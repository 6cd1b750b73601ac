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

/** The folder Node would load `name` from when required by code in `fromDir`, as Node resolves it. */
function packageDirFrom(fromDir: string, name: string): string | undefined {
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

/**
 * Names of `shipped` and every package they depend on, transitively. Pulumi drops an excluded
 * package even where a shipped package needs it, so these must never be excluded.
 */
export function shippedClosure(shipped: string[]): Set<string> {
    const names = new Set<string>();
    const visited = new Set<string>();
    const visit = (name: string, fromDir: string) => {
        const dir = packageDirFrom(fromDir, name);
        if (dir === undefined || visited.has(dir)) {
            return;
        }
        visited.add(dir);
        names.add(name);
        const manifest = readManifest(path.join(dir, "package.json"));
        for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies })) {
            visit(dependency, dir);
        }
    };
    for (const name of shipped) {
        visit(name, projectDir);
    }
    return names;
}

/**
 * The packages to exclude so that only `shipped` (and what they depend on) reach the archive.
 * `@pulumi/*` packages are never shipped by Pulumi itself, so they are left out of both lists.
 */
export function excludedPackages(owner: string, shipped: string[]): string[] {
    const dependencies = productionDependencies();
    const missing = shipped.filter(name => !dependencies.includes(name));
    if (missing.length > 0) {
        throw new Error(`${owner}: packages ${missing.join(", ")} must be listed in package.json "dependencies" to ship in a Lambda`);
    }
    const needed = shippedClosure(shipped);
    return dependencies.filter(name => !needed.has(name) && !name.startsWith("@pulumi/"));
}
