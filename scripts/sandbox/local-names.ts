// What each resource is called locally, and which deployed value stands for which local one.
/** Local name of a resource: stack-prefixed so stacks do not share buckets, tables or queues. */
export function localName(stack: string, resourceName: string): string {
    return `${stack}-${resourceName}`
        .toLowerCase()
        .replace(/[^a-z0-9-]/g, "-")
        .slice(0, 63);
}

/**
 * Deployed value (as the mocks invented it) to local value. `always` applies anywhere; `scoped`
 * (ports, database names: plain constants that only mean something next to their store) applies
 * only to a function whose environment also names that store.
 */
export class Replacements {
    private readonly always = new Map<string, string>();
    /** Local queue URL by local queue ARN (destinations are given as ARNs). */
    readonly queueUrls = new Map<string, string>();
    private readonly scoped: { anchors: string[]; values: Map<string, string> }[] = [];

    add(deployed: unknown, local: string): void {
        if (typeof deployed === "string" && deployed !== "") {
            this.always.set(deployed, local);
        }
    }

    addScoped(anchors: unknown[], values: [unknown, string][]): void {
        this.scoped.push({
            anchors: anchors.filter((a): a is string => typeof a === "string" && a !== ""),
            values: new Map(values.map(([deployed, local]) => [String(deployed), local])),
        });
    }

    /** The local value of `deployed`, or undefined when nothing stands for it. */
    lookup(deployed: string): string | undefined {
        return this.always.get(deployed);
    }

    /** The environment with every deployed value replaced by its local one (longest match first). */
    environment(variables: Record<string, string>): Record<string, string> {
        const values = Object.values(variables);
        const inScope = this.scoped.filter(s => s.anchors.some(anchor => values.some(v => v.includes(anchor))));
        // Only values that cannot be a plain word are replaced inside longer strings (URLs, ARNs, hosts).
        const keys = [...this.always.keys()].filter(key => /[:.]/.test(key)).sort((a, b) => b.length - a.length);
        return Object.fromEntries(
            Object.entries(variables).map(([name, value]) => {
                const scoped = inScope.find(s => s.values.has(value))?.values.get(value);
                if (scoped !== undefined) {
                    return [name, scoped];
                }
                const exact = this.always.get(value);
                if (exact !== undefined) {
                    return [name, exact];
                }
                let replaced = value;
                for (const key of keys) {
                    replaced = replaced.split(key).join(this.always.get(key)!);
                }
                return [name, replaced];
            }),
        );
    }
}
