// The component side of a function's environment contract (functions/runtime/environment.ts):
// typed values in, the variables Lambda sets out. Integers become their decimal text here only.
import * as pulumi from "@pulumi/pulumi";
import type { EnvironmentContract, EnvironmentValues } from "../functions/runtime/environment";

export type EnvironmentInputs<C extends EnvironmentContract> = { [K in keyof C]: pulumi.Input<EnvironmentValues<C>[K]> };

export function environmentVariables<C extends EnvironmentContract>(
    contract: C,
    values: EnvironmentInputs<C>,
): Record<string, pulumi.Input<string>> {
    return Object.fromEntries(
        Object.entries(contract).map(([key, spec]) => [
            spec.name,
            pulumi.output(values[key] as pulumi.Input<string | number>).apply(value => String(value)),
        ]),
    );
}
