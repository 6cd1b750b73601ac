// Hand-written entry of the CSV loader: the same factory, called at module load.
import { csvToPostgresDefaults } from "../../components/defaults/csv-to-postgres-defaults";
import { csvToPostgresHandler } from "../../functions/csv-to-postgres/lambda";

export const handler = csvToPostgresHandler({
    prefix: csvToPostgresDefaults.prefix,
    rejectedPrefix: csvToPostgresDefaults.rejectedPrefix,
    maxFileBytes: csvToPostgresDefaults.maxFileBytes,
    load: { ...csvToPostgresDefaults.load, keyColumns: [...csvToPostgresDefaults.keyColumns] },
})();
