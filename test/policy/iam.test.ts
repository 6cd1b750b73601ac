import { expect } from "chai";
import { iamNoBroadManagedPolicies, iamNoWildcardActions } from "../../policy/rules/iam";
import { check, judge, resource, unknownAtPreview, verdicts } from "../support/policy";
import { iamNoDecryptOnAllKeys, iamNoUsersOrAccessKeys } from "../../policy/rules/iam";
import { describeRule } from "../support/rule-cases";

describe("policy: iam-no-broad-managed-policies", () => {
    it("passes customer policies and narrow AWS-managed ones", async () => {
        const narrow = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "narrow", {
            policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole",
        });
        const custom = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "custom", { policyArn: unknownAtPreview });
        expect(await check([iamNoBroadManagedPolicies], narrow, custom)).to.deep.equal([]);
    });

    it("reports CallbackFunction's default attachments, PowerUser and AdministratorAccess, on attachments and roles", async () => {
        const full = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "fn-1a2b", {
            policyArn: "arn:aws:iam::aws:policy/AmazonS3FullAccess",
        });
        const power = resource("aws:iam/policyAttachment:PolicyAttachment", "power", {
            policyArn: "arn:aws:iam::aws:policy/AmazonCognitoPowerUser",
        });
        const role = resource("aws:iam/role:Role", "admin", { managedPolicyArns: ["arn:aws:iam::aws:policy/AdministratorAccess"] });
        const violations = await check([iamNoBroadManagedPolicies], full, power, role);
        expect(violations.map(v => v.urn)).to.deep.equal([full.urn, power.urn, role.urn]);
        expect(violations[0].message).to.contain("AmazonS3FullAccess");
        expect(violations.every(v => v.level === "mandatory")).to.equal(true);
    });
});

describe("policy: iam-no-wildcard-actions", () => {
    const document = (actions: unknown) => ({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: actions, Resource: unknownAtPreview }],
    });

    it("passes named actions on resources unknown at preview", async () => {
        const policy = resource("aws:iam/rolePolicy:RolePolicy", "ok", { policy: document(["s3:GetObject", "sqs:SendMessage"]) });
        expect(await check([iamNoWildcardActions], policy)).to.deep.equal([]);
    });

    it("reports * and service:* in object documents, JSON strings and inline role policies; Deny statements are fine", async () => {
        const star = resource("aws:iam/rolePolicy:RolePolicy", "star", { policy: document("*") });
        const service = resource("aws:iam/policy:Policy", "service", { policy: JSON.stringify(document(["s3:*", "s3:GetObject"])) });
        const inline = resource("aws:iam/role:Role", "inline", {
            inlinePolicies: [{ name: "x", policy: JSON.stringify(document(["dynamodb:*"])) }],
        });
        const deny = resource("aws:iam/rolePolicy:RolePolicy", "deny", {
            policy: { Statement: [{ Effect: "Deny", Action: "*", Resource: "*" }] },
        });
        const violations = await check([iamNoWildcardActions], star, service, inline, deny);
        expect(violations.map(v => v.message)).to.deep.equal([
            "star allows *; name the actions the workload calls",
            "service allows s3:*; name the actions the workload calls",
            "inline allows dynamodb:*; name the actions the workload calls",
        ]);
    });

    it("leaves a JSON string unknown at preview undecided for that policy alone: the others keep their mandatory verdict", async () => {
        const computed = resource("aws:iam/rolePolicy:RolePolicy", "computed", { policy: unknownAtPreview });
        const wild = resource("aws:iam/rolePolicy:RolePolicy", "wild", {
            policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:*", Resource: "arn:aws:s3:::b/*" }] }),
        });
        const violations = await judge([iamNoWildcardActions], computed, wild);
        expect(verdicts(violations)).to.deep.equal(["iam-no-wildcard-actions mandatory wild", "preview-unverified advisory computed"]);
        expect(violations[1].message).to.equal(
            "aws:iam/rolePolicy:RolePolicy computed cannot be verified at preview by iam-no-wildcard-actions: string value at .policy can't be known during preview; it is checked during pulumi up",
        );
    });
});

const doc = (statement: Record<string, unknown>) => ({ Version: "2012-10-17", Statement: [statement] });

describe("policy: iam-no-wildcard-actions (NotAction, NotResource)", () => {
    it("reports allows by NotAction and NotResource, which grant everything but what they list", async () => {
        const notAction = resource("aws:iam/rolePolicy:RolePolicy", "not-action", {
            policy: doc({ Effect: "Allow", NotAction: "iam:*", Resource: "*" }),
        });
        const notResource = resource("aws:iam/policy:Policy", "not-resource", {
            policy: JSON.stringify(doc({ Effect: "Allow", Action: "s3:GetObject", NotResource: "arn:aws:s3:::secret/*" })),
        });
        const deny = resource("aws:iam/rolePolicy:RolePolicy", "deny", {
            policy: doc({ Effect: "Deny", NotAction: "s3:GetObject", Resource: "*" }),
        });
        const violations = await judge([iamNoWildcardActions], notAction, notResource, deny);
        expect(verdicts(violations)).to.deep.equal([
            "iam-no-wildcard-actions mandatory not-action",
            "iam-no-wildcard-actions mandatory not-resource",
        ]);
        expect(violations[0].message).to.contain("allows every action except iam:* (NotAction)");
        expect(violations[1].message).to.contain("(NotResource)");
    });
});

describeRule({
    rule: iamNoDecryptOnAllKeys,
    type: "aws:iam/rolePolicy:RolePolicy",
    compliant: { policy: doc({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: "arn:aws:kms:us-east-1:123456789012:key/k" }) },
    violating: {
        "kms:Decrypt on *": { policy: doc({ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" }) },
        "kms:ReEncryptFrom by NotResource": {
            policy: doc({ Effect: "Allow", Action: "kms:ReEncryptFrom", NotResource: "arn:aws:kms:::key/x" }),
        },
    },
    unknown: { policy: doc({ Effect: "Allow", Action: ["kms:Decrypt"], Resource: unknownAtPreview }) },
});

describeRule({
    rule: iamNoUsersOrAccessKeys,
    type: "aws:iam/accessKey:AccessKey",
    compliant: {},
    violating: { "an access key": { user: "ci" }, "a second key": { user: "deploy", status: "Active" } },
    // Compliant is the absence of users and keys.
    build: (name, props) => (name === "good" ? [] : [resource("aws:iam/accessKey:AccessKey", name, props)]),
});
