// Errors of the warehouse code, told apart by name (what Step Functions matches on). Plain Error
// objects with a name, not subclasses of Error: Pulumi's closure serialization loses the message of
// a class that extends a built-in, and this code runs serialized in the runner Lambda.

export type WarehouseErrorName =
    "SourceConfigError" | "SqlValueError" | "RunnerInputError" | "StatementFailedError" | "StatementAbortedError" | "StatementTimeoutError";

export function warehouseError(name: WarehouseErrorName, message: string): Error {
    const error = new Error(message);
    error.name = name;
    return error;
}

export function isWarehouseError(error: unknown, name: WarehouseErrorName): boolean {
    return error instanceof Error && error.name === name;
}
