// Tier 1: the rest_api and s3 sources' ingestion under mocks: the fetcher in the private tier on its
// schedule, reading only its own secrets (stack-key secrets without a value), the landing checker
// notified for its landing prefix only, each writing only the source's raw and rejected prefixes.
import { expect } from "chai";
import * as aws from "@pulumi/aws";
import { restApiIngestion } from "../../../../components/sources/rest-api-source";
import { s3Ingestion } from "../../../../components/sources/s3-source";
import { sourceSecretName, sourceSecrets } from "../../../../components/sources/source-secrets";
import type { CapturedResource } from "../../../../scripts/plan/capture";
import { childrenOf, mocked, ofType, promiseOf } from "../../../support/pulumi";
import { exampleSource, ingestionFixture, sourceOf } from "../../../support/source-ingestion";

type Statement = { Sid?: string; Action: string | string[]; Resource: string | string[]; Condition?: unknown };
const statementsOf = (policy: unknown) => (typeof policy === "string" ? JSON.parse(policy) : policy).Statement as Statement[];
const named = (resources: CapturedResource[], type: string, name: string) => {
    const found = resources.find(r => r.type === type && r.name === name);
    if (!found) throw new Error(`no ${type} named ${name}`);
    return found;
};
const policyOf = (children: CapturedResource[], role: string) =>
    statementsOf(named(children, "aws:iam/rolePolicy:RolePolicy", role).inputs.policy);

describe("rest_api and s3 source ingestion", function () {
    this.timeout(60_000);
    before(() => mocked());

    describe("rest_api: the scheduled fetcher", () => {
        let children: CapturedResource[];
        let privateSubnets: string[];
        let zoneArn: string;
        let tokenArn: string;
        let keyArn: string;
        before(async () => {
            const { parent, zone, args } = ingestionFixture("ra", exampleSource("customer_data_api.yaml"));
            const secrets = sourceSecrets("ra", args.platform, [args.source], {}, parent);
            const unrelated = new aws.secretsmanager.Secret("ra-unrelated", {}, { parent });
            restApiIngestion("ra-api", { ...args, secrets: { ...secrets, unrelated } }, parent);
            children = await childrenOf(parent.urn);
            privateSubnets = await promiseOf(args.platform.network.privateSubnetIds);
            zoneArn = await promiseOf(zone.bucket.arn);
            tokenArn = await promiseOf(secrets.customer_api_key.arn);
            keyArn = await promiseOf(args.platform.encryptionKey.arn);
        });

        it("creates each referenced secret on the stack key, named per stack, with no value in the program", () => {
            const secret = named(children, "aws:secretsmanager/secret:Secret", "ra-secret-customer-api-key");
            expect(secret.inputs.name).to.equal(sourceSecretName("unit", "customer_api_key"));
            expect(secret.inputs.kmsKeyId).to.equal(keyArn);
            expect(ofType(children, "aws:secretsmanager/secretVersion:SecretVersion")).to.deep.equal([]);
        });

        it("runs in the private tier with the secrets' names (never values) and the zone bucket in its environment", () => {
            const fn = named(children, "aws:lambda/function:Function", "ra-api-fetcher");
            const vpc = fn.inputs.vpcConfig as { subnetIds: string[] };
            expect(vpc.subnetIds).to.deep.equal(privateSubnets);
            const variables = (fn.inputs.environment as { variables: Record<string, string> }).variables;
            expect(JSON.parse(variables.SOURCE_SECRET_IDS)).to.deep.equal({
                customer_api_key: sourceSecretName("unit", "customer_api_key"),
            });
            expect(variables).to.have.keys(["SOURCE_ZONES_BUCKET", "SOURCE_SECRET_IDS"]);
        });

        it("may read only its own secret and write only the source's raw prefix", () => {
            const statements = policyOf(children, "ra-api-fetcher");
            const bySid = (sid: string) => statements.find(s => s.Sid === sid)!;
            expect(bySid("ReadSourceSecrets").Resource).to.deep.equal([tokenArn]);
            expect(bySid("WritePages").Resource).to.deep.equal([`${zoneArn}/raw/customers/*`]);
            const actions = statements.flatMap(s => [s.Action].flat());
            expect(actions.filter(a => a.startsWith("secretsmanager:"))).to.deep.equal(["secretsmanager:GetSecretValue"]);
        });

        it("runs on the file's schedule, retrying into an alarmed failure queue, and may reach HTTPS on the internet only", () => {
            const rule = named(children, "aws:cloudwatch/eventRule:EventRule", "ra-api-fetcher-schedule");
            expect(rule.inputs.scheduleExpression).to.equal("rate(1 hour)");
            expect(ofType(children, "aws:sqs/queue:Queue").map(q => q.name)).to.include.members([
                "ra-api-fetcher-failures",
                "ra-api-fetcher-schedule-dlq",
            ]);
            const egress = named(children, "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "ra-api-fetcher-internet");
            expect(egress.inputs).to.include({ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
        });
    });

    describe("s3: the checked landing prefix", () => {
        let children: CapturedResource[];
        let zoneArn: string;
        let notification: { filterPrefix: string };
        before(async () => {
            const { parent, zone, args } = ingestionFixture("la", exampleSource("store_uploads.yaml"));
            const ingestion = s3Ingestion("la-up", args, parent);
            notification = ingestion.zoneNotifications![0];
            children = await childrenOf(parent.urn);
            zoneArn = await promiseOf(zone.bucket.arn);
        });

        it("asks the zone bucket to notify the checker of uploads under the landing prefix, after S3 may invoke it", () => {
            expect(notification.filterPrefix).to.equal("landing/store_uploads/");
            const permission = named(children, "aws:lambda/permission:Permission", "la-up-landing-zone-upload");
            expect(permission.inputs).to.include({ principal: "s3.amazonaws.com", sourceArn: zoneArn });
        });

        it("takes uploads from the landing prefix only and puts them only under the source's raw and rejected prefixes", () => {
            const statements = policyOf(children, "la-up-landing");
            const bySid = (sid: string) => statements.find(s => s.Sid === sid)!;
            expect(bySid("TakeUploads").Resource).to.deep.equal([`${zoneArn}/landing/store_uploads/*`]);
            expect(bySid("PlaceChecked").Resource).to.deep.equal([
                `${zoneArn}/raw/stores/revenue/*`,
                `${zoneArn}/rejected/store_uploads/*`,
            ]);
        });

        it("refuses a landing prefix inside the warehouse's own zones", () => {
            const source = sourceOf("sources/bad.yaml", {
                source: {
                    name: "bad",
                    type: "s3",
                    config: { landingPrefix: "raw/uploads/" },
                    schema: { type: "csv", mapping: { id: "id" } },
                    destination: { bucket: "${BUCKET:processed}", prefix: "bad/" },
                    redshift: { schema: "x", table: "bad" },
                },
            });
            const { parent, args } = ingestionFixture("lb", source);
            expect(() => s3Ingestion("lb-up", args, parent)).to.throw(
                /sources\/bad.yaml: config.landingPrefix raw\/uploads\/ is inside the warehouse's own raw\//,
            );
        });
    });
});
