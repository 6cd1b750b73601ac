// How a function's code is produced and loaded: the one place that knows. The code is the archive
// the function resource receives (for an InlineLambda, the one esbuild bundle `__index.js` that
// `pulumi up` would zip and upload), written alone into an empty directory outside the project, so
// that nothing the archive lacks can be found in a node_modules folder above it.
import * as fs from "fs";
import * as path from "path";
import { GraphResource, ResourceGraph } from "./graph";

export interface FunctionCode {
    /** Directory the code runs from (Lambda's /var/task). */
    dir: string;
    /** Module to require, relative to `dir`. */
    entry: string;
    /** Exported handler. */
    exportName: string;
    /** Files of the archive. */
    files: string[];
}

interface WireAsset {
    text?: string;
}

/** Writes out the code of `fn` under `rootDir/<name>` and says how to load it. */
export function prepareFunctionCode(graph: ResourceGraph, fn: GraphResource, rootDir: string): FunctionCode {
    const assets = graph.archives.get(fn.urn)?.assets as Record<string, WireAsset> | undefined;
    if (!assets) {
        throw new Error(`function ${fn.name} has no code archive in the resource graph`);
    }
    const dir = path.join(rootDir, fn.name);
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, asset] of Object.entries(assets)) {
        if (asset.text === undefined) {
            throw new Error(`function ${fn.name}: archive entry ${name} is not a file the program wrote`);
        }
        const target = path.join(dir, name);
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, asset.text);
    }
    const [file, exportName] = String(fn.inputs.handler ?? "index.handler").split(".");
    return { dir, entry: `${file}.js`, exportName, files: Object.keys(assets).sort() };
}
