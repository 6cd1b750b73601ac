// What the SearchAndCache component tells its functions through the environment.
import { integerVariable, stringVariable } from "../runtime/environment";

/** Every function calls the domain. */
export const searchEnvironment = {
    openSearchEndpoint: stringVariable("OPENSEARCH_ENDPOINT"),
};

/** The functions that cache also reach Redis, with the AUTH token from Secrets Manager. */
export const redisEnvironment = {
    ...searchEnvironment,
    redisHost: stringVariable("REDIS_HOST"),
    redisPort: integerVariable("REDIS_PORT"),
    redisAuthSecretArn: stringVariable("REDIS_AUTH_SECRET_ARN"),
};
