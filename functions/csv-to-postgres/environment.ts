// What the CsvToPostgres component tells its loader through the environment.
import { integerVariable, stringVariable } from "../runtime/environment";

export const loaderEnvironment = {
    host: stringVariable("DB_HOST"),
    port: integerVariable("DB_PORT"),
    database: stringVariable("DB_NAME"),
    /** The secret RDS manages: JSON with `username` and `password`. */
    secretArn: stringVariable("DB_SECRET_ARN"),
};
