// The whole stack configuration: the platform's keys and each pipeline's, parsed and validated once.
// A new pipeline adds config/<pipeline>.ts (settings, defaults, parser, Args) and one line to each list below.
import { BatchWarehouseSettings, batchWarehouseSettingsDefaults, parseBatchWarehouseSettings } from "./batch-warehouse";
import { CsvToPostgresSettings, csvToPostgresDefaults, parseCsvToPostgresSettings } from "./csv-to-postgres";
import { parsePlatformSettings, platformDefaults, PlatformSettings } from "./platform";
import { parseSearchAndCacheSettings, searchAndCacheDefaults, SearchAndCacheSettings } from "./search-and-cache";
import type { ConfigReader } from "./values";

export { ConfigError } from "./values";
export type { ConfigReader } from "./values";
export { natStrategies } from "./platform";
export type { NatStrategy } from "./platform";
export { searchZoneCount } from "./search-and-cache";

/** Every key of the stack, with defaults applied. Pulumi.yaml declares the same keys and defaults (tested). */
export type PlatformConfig = PlatformSettings & SearchAndCacheSettings & CsvToPostgresSettings & BatchWarehouseSettings;

export const configDefaults: PlatformConfig = {
    ...platformDefaults,
    ...searchAndCacheDefaults,
    ...csvToPostgresDefaults,
    ...batchWarehouseSettingsDefaults,
};

/** Parses and validates the config; throws ConfigError naming the key on bad input. */
export function parsePlatformConfig(read: ConfigReader): PlatformConfig {
    const platform = parsePlatformSettings(read);
    return {
        ...platform,
        ...parseSearchAndCacheSettings(read, platform),
        ...parseCsvToPostgresSettings(read),
        ...parseBatchWarehouseSettings(read),
    };
}
