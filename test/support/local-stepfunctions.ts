// aws-local-stepfunctions 3 (the only published line) declares Node >= 22, and the one Node 22
// API it uses is Promise.withResolvers (ES2024). The program targets Node 20.19+, so the standard
// behaviour is supplied here when the runtime lacks it; on Node 22+ this does nothing.
type Resolvers<T> = { promise: Promise<T>; resolve: (value: T | PromiseLike<T>) => void; reject: (reason?: unknown) => void };
const promiseConstructor = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };

if (typeof promiseConstructor.withResolvers !== "function") {
    promiseConstructor.withResolvers = <T>(): Resolvers<T> => {
        let resolve!: Resolvers<T>["resolve"];
        let reject!: Resolvers<T>["reject"];
        const promise = new Promise<T>((res, rej) => {
            resolve = res;
            reject = rej;
        });
        return { promise, resolve, reject };
    };
}

export { ExecutionError, StateMachine } from "aws-local-stepfunctions";
export type { StateMachineDefinition } from "aws-local-stepfunctions";
