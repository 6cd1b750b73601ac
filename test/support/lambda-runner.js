// Loads a serialized Lambda archive in a fresh process and invokes its handler once, as the
// Lambda runtime would: require __index.js, call `handler(event, context)`, report the result.
// Plain JavaScript on purpose: nothing of the test process (ts-node, loaded modules) leaks in.
"use strict";
const fs = require("fs");
const path = require("path");

async function main() {
    const [archiveDir, eventFile, resultFile] = process.argv.slice(2);
    const event = JSON.parse(fs.readFileSync(eventFile, "utf8"));
    const startedAt = Date.now();
    const context = {
        functionName: process.env.AWS_LAMBDA_FUNCTION_NAME || "serialized-lambda",
        functionVersion: "$LATEST",
        awsRequestId: `local-${process.pid}`,
        memoryLimitInMB: "256",
        getRemainingTimeInMillis: () => Math.max(0, 30000 - (Date.now() - startedAt)),
    };
    let outcome;
    try {
        const module = require(path.join(archiveDir, "__index.js"));
        outcome = { ok: true, result: await module.handler(event, context) };
    } catch (error) {
        outcome = { ok: false, error: { name: error && error.name, message: error && error.message, stack: error && error.stack } };
    }
    fs.writeFileSync(resultFile, JSON.stringify(outcome === undefined ? { ok: true } : outcome));
}

main().then(
    () => process.exit(0),
    error => {
        console.error(error);
        process.exit(70);
    },
);
