// Tier 1: the `email` source's ingestion under mocks: the receipt rule in the stack's one rule set,
// the encrypted receipt bucket only SES of this account may write, and the extractor it notifies.
import { expect } from "chai";
import { receiptRuleSetName } from "../../../../components/defaults/ses-defaults";
import { emailSourceBuilder } from "../../../../components/sources/email-source";
import type { SourceIngestion } from "../../../../components/sources/ingestion";
import type { CapturedResource } from "../../../../scripts/plan/capture";
import { childrenOf, mockAccountId, mocked, mockRegion, ofType, promiseOf, single } from "../../../support/pulumi";
import { exampleSource, ingestionFixture, sourceOf } from "../../../support/source-ingestion";

type Statement = {
    Sid?: string;
    Effect: string;
    Principal?: unknown;
    Action: string | string[];
    Resource: string | string[];
    Condition?: unknown;
};
const statementsOf = (policy: unknown) => (typeof policy === "string" ? JSON.parse(policy) : policy).Statement as Statement[];

const named = (resources: CapturedResource[], type: string, name: string) => {
    const found = resources.find(r => r.type === type && r.name === name);
    if (!found) {
        throw new Error(`no ${type} named ${name}`);
    }
    return found;
};

interface Built {
    children: CapturedResource[];
    ingestion: SourceIngestion;
    keyArn: string;
    zoneArn: string;
    zoneName: string;
}

async function build(prefix: string, extraSources = 0): Promise<Built> {
    const source = exampleSource("supplier_stock_mail.json");
    const { parent, zone, args } = ingestionFixture(prefix, source, {});
    const ingestion = emailSourceBuilder(`${prefix}-mail-source`, args, parent);
    for (let index = 0; index < extraSources; index++) {
        const other = sourceOf("sources/other.json", {
            source: {
                name: `other_${index}`,
                type: "email",
                config: { recipients: [`other${index}@data.example.com`], allowedSenders: ["@example.org"] },
                schema: { type: "json", mapping: { id: "id" } },
                destination: { bucket: "${BUCKET:raw}", prefix: `other/${index}/` },
                redshift: { schema: "other", table: `other_${index}` },
            },
        });
        emailSourceBuilder(`${prefix}-other-${index}`, { ...args, source: other }, parent);
    }
    return {
        children: await childrenOf(parent.urn),
        ingestion,
        keyArn: await promiseOf(args.platform.encryptionKey.arn),
        zoneArn: await promiseOf(zone.bucket.arn),
        zoneName: await promiseOf(zone.bucket.bucket),
    };
}

describe("email source ingestion", function () {
    this.timeout(60_000);
    let built: Built;
    let mailBucket: CapturedResource;
    const ruleSet = receiptRuleSetName("data-platform", "unit");

    before(async () => {
        await mocked();
        built = await build("em");
        mailBucket = named(built.children, "aws:s3/bucket:Bucket", "em-mail-source-mail");
    });

    it("adds a receipt rule for the file's recipients to the stack's rule set, TLS required, scanned, stored under messages/", () => {
        const set = single(built.children, "aws:ses/receiptRuleSet:ReceiptRuleSet");
        expect(set.inputs.ruleSetName).to.equal(ruleSet);
        const rule = single(built.children, "aws:ses/receiptRule:ReceiptRule");
        expect(rule.inputs).to.deep.include({
            name: "supplier_stock_mail",
            ruleSetName: ruleSet,
            recipients: ["stock@data.example.com"],
            enabled: true,
            scanEnabled: true,
            tlsPolicy: "Require",
        });
        const [action] = rule.inputs.s3Actions as Record<string, unknown>[];
        expect(action).to.include({ objectKeyPrefix: "messages/", position: 1 });
        expect(rule.propertyDependencies.s3Actions).to.include(mailBucket.urn);
    });

    it("encrypts the receipt bucket with the stack key and lets only SES, for this account's rule, put messages", () => {
        const encryption = ofType(
            built.children,
            "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        ).find(r => r.propertyDependencies.bucket?.includes(mailBucket.urn))!;
        const [rule] = encryption.inputs.rules as { applyServerSideEncryptionByDefault: Record<string, unknown> }[];
        expect(rule.applyServerSideEncryptionByDefault).to.deep.equal({ sseAlgorithm: "aws:kms", kmsMasterKeyId: built.keyArn });

        const policy = ofType(built.children, "aws:s3/bucketPolicy:BucketPolicy").find(r =>
            r.propertyDependencies.bucket?.includes(mailBucket.urn),
        )!;
        const statements = statementsOf(policy.inputs.policy);
        expect(statements.map(s => s.Sid)).to.deep.equal(["DenyInsecureTransport", "SesStoresReceivedMail"]);
        const ses = statements[1];
        expect(ses).to.deep.include({ Effect: "Allow", Principal: { Service: "ses.amazonaws.com" }, Action: "s3:PutObject" });
        expect(ses.Resource).to.match(/\/messages\/\*$/);
        expect(ses.Condition).to.deep.equal({
            StringEquals: { "AWS:SourceAccount": mockAccountId },
            ArnLike: {
                "AWS:SourceArn": `arn:aws:ses:${mockRegion}:${mockAccountId}:receipt-rule-set/${ruleSet}:receipt-rule/supplier_stock_mail`,
            },
        });
        const lifecycle = ofType(built.children, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").find(r =>
            r.propertyDependencies.bucket?.includes(mailBucket.urn),
        )!;
        expect(lifecycle.inputs.rules).to.deep.include({
            id: "expire-messages",
            status: "Enabled",
            filter: { prefix: "messages/" },
            expiration: { days: 30 },
        });
    });

    it("runs the extractor in the private tier, reading only received mail and writing only the source's raw and rejected prefixes", () => {
        const fn = named(built.children, "aws:lambda/function:Function", "em-mail-source-extractor");
        expect(fn.inputs.vpcConfig).to.have.property("subnetIds").that.is.not.empty;
        expect(fn.inputs.environment).to.deep.equal({ variables: { SOURCE_ZONES_BUCKET: built.zoneName } });
        const rolePolicy = ofType(built.children, "aws:iam/rolePolicy:RolePolicy").find(r =>
            r.name.startsWith("em-mail-source-extractor"),
        )!;
        const statements = statementsOf(rolePolicy.inputs.policy);
        const bySid = (sid: string) => statements.find(s => s.Sid === sid)!;
        expect([bySid("ReadReceivedMail").Resource].flat()).to.have.length(1);
        expect([bySid("ReadReceivedMail").Resource].flat()[0]).to.match(/em-mail-source-mail.*\/messages\/\*$/);
        expect(bySid("WriteRawAndRejected").Resource).to.deep.equal([
            `${built.zoneArn}/raw/suppliers/stock/*`,
            `${built.zoneArn}/rejected/supplier_stock_mail/*`,
        ]);
        expect(bySid("WriteRawAndRejected").Action).to.deep.equal(["s3:PutObject"]);
        const objectActions = statements.flatMap(s => [s.Action].flat()).filter(a => a.startsWith("s3:"));
        expect(objectActions).to.have.members(["s3:GetObject", "s3:PutObject"]);
    });

    it("notifies the extractor of each new message, after S3 may invoke it from that bucket only", () => {
        const notification = single(built.children, "aws:s3/bucketNotification:BucketNotification");
        expect(notification.propertyDependencies.bucket).to.include(mailBucket.urn);
        const [target] = notification.inputs.lambdaFunctions as Record<string, unknown>[];
        expect(target).to.deep.include({ events: ["s3:ObjectCreated:*"], filterPrefix: "messages/" });
        const permission = single(built.children, "aws:lambda/permission:Permission");
        expect(permission.inputs).to.include({
            principal: "s3.amazonaws.com",
            sourceAccount: mockAccountId,
            action: "lambda:InvokeFunction",
        });
        expect(permission.propertyDependencies.sourceArn).to.include(mailBucket.urn);
        expect(notification.dependencies).to.include(permission.urn);
        const rule = single(built.children, "aws:ses/receiptRule:ReceiptRule");
        expect(rule.dependencies).to.include(notification.urn);
    });

    it("lands in the raw zone given, and waits on the rule, the notification and the function", () => {
        expect(built.ingestion.dependsOn).to.have.length(3);
        expect(built.ingestion.notes).to.deep.equal([]); // the region's receiving is the pack's ses-receiving-region
    });

    it("shares one rule set among the stack's e-mail sources", async () => {
        const many = await build("em-many", 2);
        expect(ofType(many.children, "aws:ses/receiptRuleSet:ReceiptRuleSet")).to.have.length(1);
        const rules = ofType(many.children, "aws:ses/receiptRule:ReceiptRule");
        expect(rules.map(r => r.inputs.name)).to.have.members(["supplier_stock_mail", "other_0", "other_1"]);
        expect(new Set(rules.map(r => r.inputs.ruleSetName))).to.deep.equal(new Set([ruleSet]));
    });
});
