// One price file per region (prices/<region>.json): each price with its unit, the public AWS page
// that publishes it and the date it was looked up. A region without a file is bad input (exit 2).
import * as fs from "fs";
import * as path from "path";
import { PlanInputError } from "../stack-config";

export interface Price {
    usd: number;
    unit: string;
    /** The public AWS pricing page that publishes the figure. */
    page: string;
    /** When the figure was looked up (YYYY-MM-DD). */
    asOf: string;
    /** A stored copy or third-party page that showed the figure, when one did. */
    seenIn?: string;
}

export interface PriceFile {
    region: string;
    currency: string;
    hoursPerMonth: number;
    sourcing: string;
    prices: Record<string, Price>;
}

/** A price the estimator needs is not in the region's file (the resource is then not estimated). */
export class MissingPriceError extends Error {
    constructor(
        readonly region: string,
        readonly key: string,
    ) {
        super(`no price ${key} in prices/${region}.json`);
        this.name = "MissingPriceError";
    }
}

export const pricesDir = path.join(__dirname, "prices");

export class PriceBook {
    constructor(readonly file: PriceFile) {}

    get region(): string {
        return this.file.region;
    }

    get hoursPerMonth(): number {
        return this.file.hoursPerMonth;
    }

    get daysPerMonth(): number {
        return this.file.hoursPerMonth / 24;
    }

    price(key: string): Price {
        const price = this.file.prices[key];
        if (price === undefined) {
            throw new MissingPriceError(this.region, key);
        }
        return price;
    }

    has(key: string): boolean {
        return this.file.prices[key] !== undefined;
    }
}

/** Regions that have a price file. */
export function pricedRegions(dir = pricesDir): string[] {
    return fs
        .readdirSync(dir)
        .filter(file => file.endsWith(".json"))
        .map(file => file.slice(0, -".json".length))
        .sort();
}

function checkPriceFile(region: string, parsed: PriceFile): PriceFile {
    if (parsed.region !== region || !(parsed.hoursPerMonth > 0) || typeof parsed.prices !== "object") {
        throw new PlanInputError(`prices/${region}.json must name region ${region} and give hoursPerMonth and prices`);
    }
    for (const [key, price] of Object.entries(parsed.prices)) {
        if (!(typeof price.usd === "number" && price.usd >= 0 && price.page && /^\d{4}-\d{2}-\d{2}$/.test(price.asOf))) {
            throw new PlanInputError(`prices/${region}.json: ${key} needs usd, page and asOf (YYYY-MM-DD)`);
        }
    }
    return parsed;
}

/** The price book of a region; a region without a price file is a PlanInputError (exit code 2). */
export function loadPriceBook(region: string, dir = pricesDir): PriceBook {
    if (!/^[a-z]{2}(-[a-z]+)+-\d$/.test(region)) {
        throw new PlanInputError(`cannot estimate costs: ${JSON.stringify(region)} is not an AWS region name`);
    }
    const file = path.join(dir, `${region}.json`);
    if (!fs.existsSync(file)) {
        throw new PlanInputError(
            `cannot estimate costs in ${region}: no price file scripts/plan/cost/prices/${region}.json (priced regions: ${pricedRegions(dir).join(", ")})`,
        );
    }
    return new PriceBook(checkPriceFile(region, JSON.parse(fs.readFileSync(file, "utf8")) as PriceFile));
}
