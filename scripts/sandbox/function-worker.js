// One function container: loads the function's code once (cold start), then serves invocations
// sent by the sandbox over IPC, one at a time, as the Lambda runtime does within one container.
// Plain JavaScript on purpose: nothing of the sandbox process (ts-node, its modules) leaks in.
"use strict";
const path = require("path");

const [codeDir, entry, exportName, timeoutMs] = process.argv.slice(2);
let handler;

function load() {
    if (handler === undefined) {
        const module = require(path.join(codeDir, entry));
        handler = module[exportName];
        if (typeof handler !== "function") {
            throw new Error(`${entry} exports no function ${exportName}`);
        }
    }
    return handler;
}

function errorOf(error) {
    return { name: (error && error.name) || "Error", message: (error && error.message) || String(error), stack: error && error.stack };
}

process.on("message", async ({ id, event, requestId }) => {
    const startedAt = Date.now();
    const context = {
        functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
        functionVersion: "$LATEST",
        awsRequestId: requestId,
        memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
        getRemainingTimeInMillis: () => Math.max(0, Number(timeoutMs) - (Date.now() - startedAt)),
    };
    let reply;
    try {
        reply = { id, ok: true, result: await load()(event, context) };
    } catch (error) {
        reply = { id, ok: false, error: errorOf(error) };
    }
    process.send(reply);
});
process.on("disconnect", () => process.exit(0));
