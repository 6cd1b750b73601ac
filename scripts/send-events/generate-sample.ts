// Writes test/fixtures/online-retail/sample.csv: a few thousand Online Retail rows with the real
// export's quirks (cancellations with C prefixes and negative quantities, stock adjustments with
// negative quantities and no customer, missing customer ids, a stock code repeated within one
// invoice, M/D/YYYY H:MM dates, non-ASCII descriptions), Latin-1 encoded like the Kaggle file.
// Deterministic: a seeded generator, so the committed file is what this script writes. Every
// description is Latin-1 representable (the encoding refuses the rest, e.g. an en dash).
// Usage: npm run generate-sample [-- <rows> <output>]
import { writeFileSync } from "fs";
import * as path from "path";

/** mulberry32: a small seeded PRNG, enough for sample data. */
function seeded(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const products: [string, string, number][] = [
    ["85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55],
    ["71053", "WHITE METAL LANTERN", 3.39],
    ["84406B", "CREAM CUPID HEARTS COAT HANGER", 2.75],
    ["22728", "ALARM CLOCK BAKELIKE PINK", 3.75],
    ["22086", "PAPER CHAIN KIT 50'S CHRISTMAS ", 2.55],
    ["21730", "GLASS STAR FROSTED T-LIGHT HOLDER", 4.25],
    ["22633", "HAND WARMER UNION JACK", 1.85],
    ["84879", "ASSORTED COLOUR BIRD ORNAMENT", 1.69],
    ["22960", "JAM MAKING SET WITH JARS", 4.25],
    ["47566", "PARTY BUNTING", 4.95],
    ["23084", "RABBIT NIGHT LIGHT", 2.08],
    ["22197", "SMALL POPCORN HOLDER", 0.85],
    ["21212", "PACK OF 72 RETROSPOT CAKE CASES", 0.55],
    ["23166", "MEDIUM CERAMIC TOP STORAGE JAR", 1.25],
    ["22423", "REGENCY CAKESTAND 3 TIER", 12.75],
    ["79321", "CHILLI LIGHTS", 5.75],
    ["35004C", "SET OF 3 COLOURED  FLYING DUCKS", 5.45],
    ["21137", "BLACK RECORD COVER FRAME", 3.75],
    ["90214A", "CRÈME BRÛLÉE DISH SET", 1.95],
    ["22139", "RETROSPOT TEA SET CERAMIC 11 PC ", 4.95],
    ["84997D", "PINK 3 PIECE POLKADOT CUTLERY SET", 3.75],
    ["23203", "JUMBO BAG DOILEY PATTERNS", 2.08],
    ["90082B", "DIAMANTE NECKLACE · PURPLE", 5.95],
    ["21524", "DOORMAT SPOTTY HOME SWEET HOME", 7.95],
    ["POST", "POSTAGE", 18],
    ["M", "Manual", 0.85],
];
const nonAscii = [
    "FRANÇOIS TEA TOWEL",
    "CAFÉ AU LAIT MUG",
    "GRÜN GARDEN SIGN",
    "SEÑORITA FAN",
    "£5 GIFT VOUCHER",
    "NIÑO PIÑATA",
    "ØRESUND PRINT",
];
const countries = [
    "United Kingdom",
    "United Kingdom",
    "United Kingdom",
    "United Kingdom",
    "France",
    "Germany",
    "EIRE",
    "Spain",
    "Netherlands",
    "Norway",
    "Portugal",
    "Switzerland",
];

function csvField(value: string): string {
    return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** `M/D/YYYY H:MM`, as the export writes dates (no leading zeros on month, day and hour). */
function retailDate(date: Date): string {
    return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${date.getUTCHours()}:${String(date.getUTCMinutes()).padStart(2, "0")}`;
}

export function generateSample(rowCount: number, seed = 536365): string {
    const unencodable = [...products.map(product => product[1]), ...nonAscii].find(text => /[^\u0000-\u00ff]/.test(text));
    if (unencodable !== undefined) {
        throw new Error(`not Latin-1: ${unencodable}`);
    }
    const random = seeded(seed);
    const pick = <T>(items: T[]) => items[Math.floor(random() * items.length)];
    const customers = Array.from({ length: 180 }, (_, index) => ({ id: String(12346 + index * 37), country: pick(countries) }));
    const lines = ["InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"];
    let invoiceNo = 536365;
    let clock = Date.UTC(2010, 11, 1, 8, 26);
    const invoices: { no: string; customer: { id: string; country: string } | null; date: string; items: [string, string, number][] }[] =
        [];
    while (lines.length - 1 < rowCount) {
        clock += Math.floor(random() * 90 + 5) * 60_000;
        const date = retailDate(new Date(clock));
        const roll = random();
        if (roll < 0.03 && invoices.length > 0) {
            // A cancellation of part of an earlier invoice: C prefix, negative quantities, same customer.
            const earlier = pick(invoices.filter(invoice => invoice.customer !== null).slice(-40)) ?? invoices[invoices.length - 1];
            for (const [code, description, price] of earlier.items.slice(0, 1 + Math.floor(random() * 2))) {
                lines.push(
                    [
                        `C${invoiceNo}`,
                        code,
                        description,
                        String(-(1 + Math.floor(random() * 6))),
                        date,
                        String(price),
                        earlier.customer?.id ?? "",
                        earlier.customer?.country ?? "United Kingdom",
                    ]
                        .map(csvField)
                        .join(","),
                );
            }
        } else if (roll < 0.05) {
            // A stock adjustment: negative quantity, no price, no customer, sometimes no description.
            const [code, description] = pick(products);
            lines.push(
                [
                    String(invoiceNo),
                    code,
                    random() < 0.5 ? "" : description,
                    String(-(1 + Math.floor(random() * 40))),
                    date,
                    "0",
                    "",
                    "United Kingdom",
                ]
                    .map(csvField)
                    .join(","),
            );
        } else {
            const customer = random() < 0.25 ? null : pick(customers);
            const items: [string, string, number][] = [];
            for (let line = 0; line < 1 + Math.floor(random() * 12); line++) {
                const [code, description, price]: [string, string, number] =
                    random() < 0.06 ? [`9${String(Math.floor(random() * 9000) + 1000)}X`, pick(nonAscii), 2.95] : pick(products);
                items.push([code, description, price]);
                if (random() < 0.1) {
                    items.push([code, description, price]); // the same stock code again on another line
                }
            }
            for (const [code, description, price] of items) {
                const quantity = pick([1, 2, 3, 4, 6, 6, 8, 12, 12, 24, 48]);
                lines.push(
                    [
                        String(invoiceNo),
                        code,
                        description,
                        String(quantity),
                        date,
                        String(price),
                        customer?.id ?? "",
                        customer?.country ?? "United Kingdom",
                    ]
                        .map(csvField)
                        .join(","),
                );
            }
            invoices.push({ no: String(invoiceNo), customer, date, items });
        }
        invoiceNo++;
    }
    return `${lines.slice(0, rowCount + 1).join("\r\n")}\r\n`;
}

if (require.main === module) {
    const rows = Number(process.argv[2] ?? 3000);
    const output = process.argv[3] ?? path.join(__dirname, "..", "..", "test", "fixtures", "online-retail", "sample.csv");
    writeFileSync(output, Buffer.from(generateSample(rows), "latin1"));
    process.stdout.write(`wrote ${rows} rows to ${output}\n`);
}
