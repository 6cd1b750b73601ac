// Renders docs/policies.md from the pack itself: the rules, the phase each decides at, the anchor
// table's coverage (anchor -> rule -> tests) and the waived rows with their reasons.
//   npm run docs:policies        writes the page; test/policy/coverage.test.ts fails when it is stale.
import * as fs from "fs";
import * as path from "path";
import { anchorRows } from "../../policy/anchors";
import { PackPolicy } from "../../policy/lib/rule";
import { policies, ruleModules, rules } from "../../policy/policies";

export const projectDir = path.resolve(__dirname, "..", "..");
export const pagePath = path.join(projectDir, "docs", "policies.md");
const testDir = path.join(projectDir, "test", "policy");

/** The rules/<service>.ts file and exported name of each rule. */
export function ruleSources(): Map<string, { service: string; exported: string }> {
    const sources = new Map<string, { service: string; exported: string }>();
    for (const [service, module] of Object.entries(ruleModules)) {
        for (const [exported, value] of Object.entries(module)) {
            const name = (value as Partial<PackPolicy>).rule?.name;
            if (name !== undefined) {
                sources.set(name, { service, exported });
            }
        }
    }
    return sources;
}

/** Test files of test/policy that exercise each rule (by its exported name). */
export function testsOf(): Map<string, string[]> {
    const files = fs
        .readdirSync(testDir)
        .filter(file => file.endsWith(".test.ts"))
        .sort()
        .map(file => ({ file, text: fs.readFileSync(path.join(testDir, file), "utf8") }));
    const sources = ruleSources();
    return new Map(
        rules.map(rule => {
            const exported = sources.get(rule.name)?.exported ?? rule.name;
            const pattern = new RegExp(`\\b${exported}\\b`);
            return [rule.name, files.filter(({ text }) => pattern.test(text)).map(({ file }) => file)];
        }),
    );
}

function cell(text: string): string {
    return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

function phaseOf(rule: PackPolicy): string {
    return rule.rule.unknownAtPreview === undefined ? "preview" : `preview; up for ${rule.rule.unknownAtPreview}`;
}

export function renderPoliciesPage(): string {
    const sources = ruleSources();
    const tests = testsOf();
    const used = new Map<string, string[]>();
    for (const rule of rules) {
        for (const id of rule.rule.anchors) {
            used.set(id, [...(used.get(id) ?? []), rule.name]);
        }
    }
    const rulesOf = (ids: string[]) => [...new Set(ids.flatMap(id => used.get(id) ?? []))];
    const covered = anchorRows.filter(row => rulesOf(row.ids).length > 0);
    const waived = anchorRows.filter(row => row.waived !== undefined);
    const mandatory = rules.filter(rule => rule.enforcementLevel === "mandatory").length;
    const lines = [
        "# Policy pack rules",
        "",
        "Generated from `policy/` by `npm run docs:policies`; `test/policy/coverage.test.ts` fails when this page is stale.",
        "",
        `**${rules.length} rules** (${mandatory} mandatory, ${rules.length - mandatory} advisory) plus the advisory \`preview-unverified\` report. ` +
            `**${anchorRows.length} anchor rows**: ${covered.length} implemented, ${waived.length} waived with a reason.`,
        "",
        "## How a rule decides",
        "",
        "Each rule judges one resource at a time. When a value it decides on is unknown at preview (an ARN of a resource being",
        "created, or a policy document built from one with `pulumi.jsonStringify`), that resource alone is left undecided and",
        "`preview-unverified` names it (advisory); every other resource keeps the rule's verdict. CrossGuard runs the pack again",
        "during `pulumi up` with every value known: resource rules then decide before the change is made, stack rules right after",
        "registration. `npm run plan -- <stack> --phase up` evaluates that second run offline; the tests run both phases for dev",
        "and prod. The *decides at* column says which phase decides; `up for …` names what a first preview may not know.",
        "",
        "Levels follow the anchors: encryption, private networking, public access and IAM wildcards are mandatory; resilience and",
        "cost-bound settings (Multi-AZ, deletion protection, backups of caches, HA search domains) are advisory. Deviations from an",
        "anchor's own rating: `secret-rotated` is advisory although cdk-nag rates SMG4 an error, because the Redis AUTH token has no",
        "rotation function yet; `glue-security-configuration` is mandatory although cdk-nag rates GL1/GL3 warnings, because they",
        "are encryption.",
        "",
        "## Rules",
        "",
        "| policy | level | decides at | file | anchors | checks |",
        "| --- | --- | --- | --- | --- | --- |",
        ...rules.map(rule => {
            const source = sources.get(rule.name);
            const anchors = rule.rule.anchors.length > 0 ? rule.rule.anchors.join(", ") : "(project rule)";
            return `| \`${rule.name}\` | ${rule.enforcementLevel} | ${cell(phaseOf(rule))} | rules/${source?.service}.ts | ${anchors} | ${cell(rule.description)} |`;
        }),
        ...policies
            .filter(policy => !rules.includes(policy as PackPolicy))
            .map(
                policy =>
                    `| \`${policy.name}\` | ${policy.enforcementLevel} | preview | lib/rule.ts | (report) | ${cell(policy.description)} |`,
            ),
        "",
        "## Anchor coverage",
        "",
        "| anchor | checks | policy | tests |",
        "| --- | --- | --- | --- |",
        ...covered.map(row => {
            const names = rulesOf(row.ids);
            const files = [...new Set(names.flatMap(name => tests.get(name) ?? []))];
            return `| ${row.ids.join(", ")} | ${cell(row.checks)} | ${names.map(name => `\`${name}\``).join(", ")} | ${files.map(file => `test/policy/${file}`).join(", ")} |`;
        }),
        "",
        "## Waived anchor rows",
        "",
        "| anchor | checks | why it is not a rule |",
        "| --- | --- | --- |",
        ...waived.map(row => `| ${row.ids.join(", ")} | ${cell(row.checks)} | ${cell(row.waived ?? "")} |`),
        "",
    ];
    return lines.join("\n");
}

if (require.main === module) {
    fs.writeFileSync(pagePath, renderPoliciesPage());
    console.log(`wrote ${path.relative(projectDir, pagePath)}`);
}
