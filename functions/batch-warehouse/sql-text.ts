// Quoting for the warehouse SQL. Identifiers are validated before they get here (source-config.ts)
// and are still always quoted; the few literals (an S3 URI, a role ARN) are checked against their
// own strict shapes, then quoted with any quote doubled.

import { warehouseError } from "./errors";

/** Double-quotes a validated identifier, doubling any double quote. */
export function quoteIdentifier(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."table"` */
export function qualifiedName(schema: string, table: string): string {
    return `${quoteIdentifier(schema)}.${quoteIdentifier(table)}`;
}

/** Single-quotes a string literal, doubling any single quote. */
export function quoteLiteral(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
}

// Bucket names: 3-63 of a-z 0-9 . -; keys: the characters S3's guidelines call safe.
const s3UriPattern = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/[A-Za-z0-9!_.*()=\/-]*$/;
const roleArnPattern = /^arn:aws[a-z-]*:iam::\d{12}:role\/[A-Za-z0-9+=,.@_\/-]{1,512}$/;

export function checkedS3Uri(uri: string): string {
    if (!s3UriPattern.test(uri)) {
        throw warehouseError("SqlValueError", `${JSON.stringify(uri)} is not an s3:// URI of safe characters`);
    }
    return uri;
}

export function checkedRoleArn(arn: string): string {
    if (!roleArnPattern.test(arn)) {
        throw warehouseError("SqlValueError", `${JSON.stringify(arn)} is not an IAM role ARN`);
    }
    return arn;
}

/** Load ids name an S3 prefix and reach SQL text: Glue run ids (jr_<hex>) or plain tokens only. */
export function checkedLoadId(loadId: string): string {
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(loadId)) {
        throw warehouseError("SqlValueError", `load id ${JSON.stringify(loadId)} must be 1-128 letters, digits, '_' or '-'`);
    }
    return loadId;
}
