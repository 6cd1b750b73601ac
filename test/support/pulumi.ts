// Component tests run under the platform mocks; every registration is recorded for assertions.
import * as pulumi from "@pulumi/pulumi";
import { Capture, CapturedResource, startCapture } from "../../scripts/plan/capture";
import { mockAccountId, mockRegion } from "../../scripts/plan/mocks";

let capture: Capture | undefined;

/** Installs the mocks once per process and returns the recorder. */
export async function mocked(): Promise<Capture> {
    capture ??= await startCapture({ project: "data-platform", stack: "unit", values: {} });
    return capture;
}

export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise(resolve =>
        output.apply(value => {
            resolve(value);
            return value;
        }),
    );
}

/** Resources registered under a component (by URN ancestry), after all registrations settle. */
export async function childrenOf(componentUrn: pulumi.Output<string>): Promise<CapturedResource[]> {
    const recorder = await mocked();
    const urn = await promiseOf(componentUrn);
    await recorder.settle();
    const byUrn = new Map(recorder.resources.map(r => [r.urn, r]));
    const descends = (resource: CapturedResource): boolean => {
        for (let parent = resource.parent; parent !== undefined; parent = byUrn.get(parent)?.parent) {
            if (parent === urn) {
                return true;
            }
        }
        return false;
    };
    return recorder.resources.filter(descends);
}

export function ofType(resources: CapturedResource[], type: string): CapturedResource[] {
    return resources.filter(r => r.type === type);
}

export function single(resources: CapturedResource[], type: string): CapturedResource {
    const matches = ofType(resources, type);
    if (matches.length !== 1) {
        throw new Error(`expected one ${type}, found ${matches.length}`);
    }
    return matches[0];
}

export { mockAccountId, mockRegion };
