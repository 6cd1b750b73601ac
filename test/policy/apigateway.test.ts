import { expect } from "chai";
import { apiMethodAccessControlled, apiStageAccessLogging, apiStageTracing } from "../../policy/rules/apigateway";
import { check, resource, unknownAtPreview } from "../support/policy";
import { apiCacheEncrypted, apiMethodRequestValidated, apiStageExecutionLogging, apiStageThrottled } from "../../policy/rules/apigateway";
import { describeRule, Props } from "../support/rule-cases";

const method = (name: string, props: Record<string, unknown>) =>
    resource("aws:apigateway/method:Method", name, {
        restApi: unknownAtPreview,
        resourceId: unknownAtPreview,
        httpMethod: "GET",
        ...props,
    });
const stage = (name: string, props: Record<string, unknown>) =>
    resource("aws:apigateway/stage:Stage", name, { restApi: unknownAtPreview, deployment: unknownAtPreview, stageName: "v1", ...props });

describe("policy: API Gateway rules", () => {
    it("pass methods that need a key or an authorizer, and CORS preflight", async () => {
        const keyed = method("keyed", { authorization: "NONE", apiKeyRequired: true });
        const iam = method("iam", { authorization: "AWS_IAM" });
        const custom = method("custom", { authorization: "CUSTOM", authorizerId: unknownAtPreview });
        const preflight = method("preflight", { authorization: "NONE", httpMethod: "OPTIONS" });
        expect(await check([apiMethodAccessControlled], keyed, iam, custom, preflight)).to.deep.equal([]);
    });

    it("report a method anyone may call, as mandatory", async () => {
        const open = method("open", { authorization: "NONE" });
        const explicitNoKey = method("no-key", { authorization: "NONE", apiKeyRequired: false, httpMethod: "POST" });
        const violations = await check([apiMethodAccessControlled], open, explicitNoKey);
        expect(violations.map(v => [v.level, v.message])).to.deep.equal([
            ["mandatory", "API method open (GET) is open to anyone: require an API key or an authorizer"],
            ["mandatory", "API method no-key (POST) is open to anyone: require an API key or an authorizer"],
        ]);
    });

    it("pass a stage logging access to a group unknown at preview, with X-Ray", async () => {
        const good = stage("good", {
            accessLogSettings: { destinationArn: unknownAtPreview, format: '{"requestId":"$context.requestId"}' },
            xrayTracingEnabled: true,
        });
        expect(await check([apiStageAccessLogging, apiStageTracing], good)).to.deep.equal([]);
    });

    it("report a stage without access logs (mandatory) and without tracing (advisory)", async () => {
        const bare = stage("bare", {});
        const noFormat = stage("no-format", { accessLogSettings: { destinationArn: unknownAtPreview }, xrayTracingEnabled: true });
        const violations = await check([apiStageAccessLogging, apiStageTracing], bare, noFormat);
        expect(violations.map(v => [v.policy, v.level, v.urn])).to.deep.equal([
            ["api-stage-access-logging", "mandatory", bare.urn],
            ["api-stage-access-logging", "mandatory", noFormat.urn],
            ["api-stage-tracing", "advisory", bare.urn],
        ]);
    });
});

describeRule({
    rule: apiMethodRequestValidated,
    type: "aws:apigateway/method:Method",
    compliant: { httpMethod: "GET", apiKeyRequired: true, requestValidatorId: unknownAtPreview },
    violating: { "no validator": { httpMethod: "POST", apiKeyRequired: true } },
    unknown: { httpMethod: unknownAtPreview, apiKeyRequired: true },
});

const settingsFor = (settings: (name: string) => Props) => (name: string, props: Props) => {
    const deployed = stage(name, { ...props, stageName: name });
    const methodSettings = resource(
        "aws:apigateway/methodSettings:MethodSettings",
        `${name}-settings`,
        { restApi: unknownAtPreview, stageName: unknownAtPreview, methodPath: "*/*", settings: settings(name) },
        { propertyDependencies: { stageName: [deployed] } },
    );
    return [deployed, methodSettings];
};

describeRule({
    rule: apiStageExecutionLogging,
    type: "aws:apigateway/stage:Stage",
    compliant: {},
    violating: { "logging OFF": {} },
    unknown: {},
    build: settingsFor(name => ({ loggingLevel: name === "pending" ? unknownAtPreview : name === "bad" ? "OFF" : "ERROR" })),
});

describeRule({
    rule: apiStageThrottled,
    type: "aws:apigateway/stage:Stage",
    compliant: {},
    violating: { "no default throttling": {} },
    unknown: {},
    build: settingsFor(name =>
        name === "bad"
            ? { loggingLevel: "ERROR" }
            : { throttlingBurstLimit: name === "pending" ? unknownAtPreview : 20, throttlingRateLimit: 10 },
    ),
});

describeRule({
    rule: apiCacheEncrypted,
    type: "aws:apigateway/methodSettings:MethodSettings",
    compliant: { methodPath: "*/*", settings: { cachingEnabled: true, cacheDataEncrypted: true } },
    violating: { "an unencrypted cache": { methodPath: "*/*", settings: { cachingEnabled: true } } },
    unknown: { methodPath: "*/*", settings: { cachingEnabled: unknownAtPreview } },
});
