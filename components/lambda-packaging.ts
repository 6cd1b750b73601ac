// Which npm packages ship inside a Lambda archive.
// CallbackFunction zips every production dependency into every function unless told otherwise,
// so each function names the packages it needs and everything else is excluded.
import * as fs from "fs";
import * as path from "path";

const manifestPath = path.join(__dirname, "..", "package.json");

interface PackageManifest {
    dependencies?: Record<string, string>;
}

/** Production dependencies of the project, i.e. what CallbackFunction would ship. */
export function productionDependencies(): string[] {
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as PackageManifest;
    return Object.keys(manifest.dependencies ?? {});
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
    return dependencies.filter(name => !shipped.includes(name) && !name.startsWith("@pulumi/"));
}
