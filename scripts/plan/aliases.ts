// Alias URNs as the engine derives them: a resource's own aliases (URNs or specs) and the ones it
// inherits when its parent has aliases. The plan lists them so a reviewer sees that a rename is safe.

/** The alias of a registration as the SDK sends it (a URN or a spec whose blanks mean "unchanged"). */
export interface AliasSpec {
    urn?: string;
    name?: string;
    type?: string;
    stack?: string;
    project?: string;
    parentUrn?: string;
    noParent?: boolean;
}

interface Urn {
    stack: string;
    project: string;
    qualifiedType: string;
    name: string;
}

export function parseUrn(urn: string): Urn {
    const [prefix, project, qualifiedType, ...name] = urn.split("::");
    return { stack: prefix.replace(/^urn:pulumi:/, ""), project, qualifiedType, name: name.join("::") };
}

export function formatUrn(urn: Urn): string {
    return `urn:pulumi:${urn.stack}::${urn.project}::${urn.qualifiedType}::${urn.name}`;
}

function qualifiedType(parentUrn: string | undefined, type: string): string {
    return parentUrn ? `${parseUrn(parentUrn).qualifiedType}$${type}` : type;
}

/** The URN an alias spec stands for, for a resource registered as `urn` under `parent`. */
export function aliasUrn(alias: AliasSpec, urn: string, type: string, parent: string | undefined): string {
    if (alias.urn) {
        return alias.urn;
    }
    const own = parseUrn(urn);
    const aliasParent = alias.noParent ? undefined : alias.parentUrn || parent;
    // Under the same parent the type chain is the one the resource's own URN was given (whoever
    // built it: the engine, or the mocks, which keep only the parent's last type).
    const sameParentChain = [...own.qualifiedType.split("$").slice(0, -1), alias.type || type].join("$");
    return formatUrn({
        stack: alias.stack || own.stack,
        project: alias.project || own.project,
        qualifiedType:
            aliasParent !== undefined && aliasParent === parent ? sameParentChain : qualifiedType(aliasParent, alias.type || type),
        name: alias.name || own.name,
    });
}

export interface AliasedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    /** The resource's own alias URNs. */
    aliases: string[];
}

/**
 * Every alias URN of each resource, inherited ones included: a child of an aliased parent is also
 * known under the parent's old URN (and, when its name starts with the parent's name, the old name).
 */
export function allAliases(resources: AliasedResource[]): Map<string, string[]> {
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    const result = new Map<string, string[]>();
    const resolve = (resource: AliasedResource): string[] => {
        const known = result.get(resource.urn);
        if (known) {
            return known;
        }
        const parent = resource.parent ? byUrn.get(resource.parent) : undefined;
        const inherited = (parent ? resolve(parent) : []).map(parentAlias => {
            const old = parseUrn(parentAlias);
            const parentName = parent ? parent.name : "";
            const name =
                parentName && resource.name.startsWith(parentName) ? old.name + resource.name.slice(parentName.length) : resource.name;
            return formatUrn({ ...parseUrn(resource.urn), qualifiedType: `${old.qualifiedType}$${resource.type}`, name });
        });
        const aliases = [...new Set([...resource.aliases, ...inherited])].filter(alias => alias !== resource.urn);
        result.set(resource.urn, aliases);
        return aliases;
    };
    resources.forEach(resolve);
    return result;
}
