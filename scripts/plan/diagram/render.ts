// Writes the diagram: `.svg` laid out and drawn by Graphviz (the WebAssembly build in
// @viz-js/viz, no browser), `.mmd` as Mermaid text. Anything else is bad input.
import * as fs from "fs";
import * as path from "path";
import { PlanInputError } from "../stack-config";
import { toDot } from "./dot";
import { toMermaid } from "./mermaid";
import { Diagram } from "./model";

export async function toSvg(diagram: Diagram): Promise<string> {
    const { instance } = await import("@viz-js/viz");
    const viz = await instance();
    return viz.renderString(toDot(diagram), { format: "svg", engine: "dot" });
}

/** The file's text for its extension; throws PlanInputError for an extension other than .svg or .mmd. */
export async function renderDiagram(diagram: Diagram, file: string): Promise<string> {
    const extension = path.extname(file).toLowerCase();
    if (extension === ".svg") {
        return toSvg(diagram);
    }
    if (extension === ".mmd") {
        return toMermaid(diagram);
    }
    throw new PlanInputError(`--diagram writes .svg or .mmd files, not ${JSON.stringify(path.basename(file))}`);
}

export async function writeDiagram(diagram: Diagram, file: string): Promise<void> {
    const text = await renderDiagram(diagram, file);
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, text);
}
