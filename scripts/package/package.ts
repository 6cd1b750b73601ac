// `npm run package -- <stack> [--out DIR]`: writes every Lambda's archive exactly as `pulumi up`
// would upload it (the program runs under mocks with the stack's config), one zip per function
// named after its resource name, and prints what each holds. Exit 0: written; 1: the program
// failed; 2: bad input (unknown stack, bad arguments, invalid config).
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { zipSync } from "fflate";
import { ConfigError, parsePlatformConfig, PlatformConfig } from "../../config/platform-config";
import { InlineLambda } from "../../components/inline-lambda";
import { uploadedFiles } from "../../components/lambda-packaging";
import { startCapture } from "../plan/capture";
import { projectDir } from "../plan/offline-plan";
import { loadStackConfig, PlanInputError } from "../plan/stack-config";

const usage = "usage: npm run package -- <stack> [--out DIR]";
const inlineLambdaType = "dataplatform:lambda:InlineLambda";

export interface PackagedFunction {
    name: string;
    zipFile: string;
    files: string[];
    zippedBytes: number;
    /** npm packages the code requires itself (their dependencies are bundled with them). */
    packages: string[];
    bundledPackages: number;
}

function parseArgs(argv: string[]): { stack: string; out?: string } | undefined {
    const positional: string[] = [];
    let out: string | undefined;
    for (let i = 0; i < argv.length; i++) {
        if (argv[i] === "--out" && i + 1 < argv.length) {
            out = argv[++i];
        } else if (argv[i].startsWith("--")) {
            return undefined;
        } else {
            positional.push(argv[i]);
        }
    }
    return positional.length === 1 ? { stack: positional[0], out } : undefined;
}

/** Runs the program under mocks with the stack's config and returns every InlineLambda it made. */
export async function programLambdas(stack: string): Promise<InlineLambda<unknown, unknown>[]> {
    const config = loadStackConfig(projectDir, stack);
    parsePlatformConfig(key => config.values[`${config.project}:${key as keyof PlatformConfig}`]);
    const capture = await startCapture(config);
    const lambdas: InlineLambda<unknown, unknown>[] = [];
    await pulumi.runtime.runInPulumiStack(async () => {
        pulumi.runtime.registerStackTransformation(args => {
            if (args.type === inlineLambdaType) {
                lambdas.push(args.resource as InlineLambda<unknown, unknown>);
            }
            return undefined;
        });
        require(path.join(projectDir, "index.ts"));
    });
    await capture.finish();
    return lambdas;
}

/** Zips one function's archive into `outDir` (deterministic: fixed timestamps, maximum compression). */
async function writeArchive(lambda: InlineLambda<unknown, unknown>, outDir: string): Promise<PackagedFunction> {
    const urn = await new Promise<string>(resolve => lambda.urn.apply(resolve));
    const name = urn.slice(urn.lastIndexOf("::") + 2);
    const files = await uploadedFiles(lambda.function);
    const bundle = await lambda.bundle;
    const zipped = zipSync(
        Object.fromEntries(Object.entries(files).map(([file, text]) => [file, [Buffer.from(text), { mtime: new Date(1980, 0, 1) }]])),
        { level: 9 },
    );
    const zipFile = path.join(outDir, `${name}.zip`);
    fs.writeFileSync(zipFile, zipped);
    return {
        name,
        zipFile,
        files: Object.keys(files).sort(),
        zippedBytes: zipped.byteLength,
        packages: bundle.packages,
        bundledPackages: bundle.bundledPackages.length,
    };
}

function printTable(stack: string, outDir: string, packaged: PackagedFunction[]): void {
    const rows = packaged.map(p => [
        p.name,
        String(p.files.length),
        (p.zippedBytes / 1024).toFixed(1),
        `${p.packages.join(", ")} (${p.bundledPackages} packages bundled)`,
    ]);
    const header = ["function", "files", "zipped KB", "packages"];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i].length)));
    const line = (cells: string[]) =>
        cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : i === cells.length - 1 ? c : c.padEnd(widths[i]))).join("  ");
    console.log(`Stack ${stack}: ${packaged.length} Lambda archives in ${outDir}`);
    console.log(line(header));
    rows.forEach(r => console.log(line(r)));
}

/** The package command: writes the archives, prints the table and returns the exit code. */
export async function runPackageCli(argv: string[]): Promise<number> {
    const args = parseArgs(argv);
    if (args === undefined) {
        console.error(usage);
        return 2;
    }
    let lambdas: InlineLambda<unknown, unknown>[];
    try {
        lambdas = await programLambdas(args.stack);
    } catch (error) {
        if (error instanceof PlanInputError || error instanceof ConfigError) {
            console.error(`package: ${error.message}`);
            return 2;
        }
        console.error(`package: the program failed under mocks: ${(error as Error).stack ?? String(error)}`);
        return 1;
    }
    const outDir = path.resolve(args.out ?? path.join(projectDir, "dist", "lambdas", args.stack));
    fs.mkdirSync(outDir, { recursive: true });
    const packaged: PackagedFunction[] = [];
    for (const lambda of lambdas) {
        packaged.push(await writeArchive(lambda, outDir));
    }
    printTable(args.stack, outDir, packaged);
    return 0;
}

if (require.main === module) {
    runPackageCli(process.argv.slice(2)).then(
        code => {
            process.exitCode = code;
        },
        error => {
            console.error(error);
            process.exitCode = 1;
        },
    );
}
