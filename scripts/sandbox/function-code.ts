// How a function's code is produced and loaded: the one place that knows. Today it is the closure
// InlineLambda's CallbackFunction serializes (`__index.js` plus the node_modules folders the archive
// ships), written out as the archive would unpack in Lambda.
import * as fs from "fs";
import * as path from "path";
import { GraphResource, projectDir, ResourceGraph } from "./graph";

export interface FunctionCode {
    /** Directory the code runs from (Lambda's /var/task). */
    dir: string;
    /** Module to require, relative to `dir`. */
    entry: string;
    /** Exported handler. */
    exportName: string;
    /** Top-level package folders the archive ships. */
    packages: string[];
}

interface WireAsset {
    text?: string;
    path?: string;
}

/** Writes out the code of `fn` under `rootDir/<name>` and says how to load it. */
export function prepareFunctionCode(graph: ResourceGraph, fn: GraphResource, rootDir: string): FunctionCode {
    const archive = graph.archives.get(fn.urn);
    const assets = (archive?.assets ?? undefined) as Record<string, WireAsset> | undefined;
    if (!assets) {
        throw new Error(`function ${fn.name} has no code archive in the resource graph`);
    }
    const dir = path.join(rootDir, fn.name);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, "node_modules"), { recursive: true });
    const packages: string[] = [];
    for (const [name, asset] of Object.entries(assets)) {
        const target = path.join(dir, name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        if (asset.text !== undefined) {
            fs.writeFileSync(target, asset.text);
        } else if (asset.path !== undefined && name.startsWith("node_modules/")) {
            // Symlinked, and loaded with --preserve-symlinks: a package the archive lacks is not found.
            fs.symlinkSync(path.resolve(projectDir, asset.path), target, "dir");
            packages.push(name.slice("node_modules/".length));
        } else {
            throw new Error(`function ${fn.name}: unexpected archive entry ${name}`);
        }
    }
    const [file, exportName] = String(fn.inputs.handler ?? "__index.handler").split(".");
    return { dir, entry: `${file}.js`, exportName, packages: packages.sort() };
}
