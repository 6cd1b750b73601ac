// The whole program under the dev and prod stack configs, and the offline plan command.
import { expect } from "chai";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { CapturedResource, ProgramCapture } from "../../scripts/plan/capture";
import { rules } from "../../policy/policies";
import { planPhases } from "../../scripts/plan/offline-plan";
import { plan, planWith, projectDir } from "../support/plan";

function capture(stack: string): ProgramCapture {
    const child = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", "test/fixtures/capture-stack.ts", stack], {
        cwd: projectDir,
        encoding: "utf8",
    });
    if (child.status !== 0) {
        throw new Error(child.stderr);
    }
    return JSON.parse(child.stdout) as ProgramCapture;
}

// Provider inputs travel as JSON strings.
const defaultTags = (provider: CapturedResource) =>
    (JSON.parse(provider.inputs.defaultTags as string) as { tags: Record<string, string> }).tags;
const byType = (resources: CapturedResource[], type: string) => resources.filter(r => r.type === type);

describe("the program", () => {
    const stacks: Record<string, ProgramCapture> = {};
    before(function () {
        // Two program runs in child processes: minutes on a busy machine.
        this.timeout(300_000);
        stacks.dev = capture("dev");
        stacks.prod = capture("prod");
    });

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: puts every AWS resource on the explicit provider, which tags them`, () => {
            const resources = stacks[stack].resources;
            const provider = byType(resources, "pulumi:providers:aws");
            expect(provider).to.have.length(1);
            const tags = defaultTags(provider[0]);
            expect(tags).to.include({ project: "data-platform", stack, "managed-by": "pulumi" });
            const onDefault = resources.filter(r => r.custom && r.type.startsWith("aws:") && r.provider === "");
            expect(onDefault.map(r => r.urn)).to.deep.equal([]);
            // awsx's VPC is built by another process: it must be handed the provider explicitly.
            const [vpc] = byType(resources, "awsx:ec2:Vpc");
            expect(vpc.providers.aws?.startsWith(`${provider[0].urn}::`), JSON.stringify(vpc.providers)).to.equal(true);
        });

        it(`${stack}: builds the key with rotation, the alarm topic encrypted with it, and the private VPC`, () => {
            const resources = stacks[stack].resources;
            const [key] = byType(resources, "aws:kms/key:Key");
            expect(key.inputs.enableKeyRotation).to.equal(true);
            const [topic] = byType(resources, "aws:sns/topic:Topic");
            expect(topic.propertyDependencies.kmsMasterKeyId).to.deep.equal([key.urn]);
            const [vpc] = byType(resources, "awsx:ec2:Vpc");
            expect(vpc.inputs.natGateways).to.deep.equal({ strategy: "None" });
            expect(vpc.inputs.numberOfAvailabilityZones).to.equal(3);
        });

        it(`${stack}: registers every resource under its own URN (mocks would not catch a duplicate)`, () => {
            const urns = stacks[stack].resources.map(r => r.urn);
            expect(urns.filter((urn, index) => urns.indexOf(urn) !== index)).to.deep.equal([]);
        });
    }

    it("differs between dev and prod only where the stack config says", () => {
        const retention = (s: string) => byType(stacks[s].resources, "aws:cloudwatch/logGroup:LogGroup").map(g => g.inputs.retentionInDays);
        expect(retention("dev").every(days => days === 14)).to.equal(true);
        expect(retention("prod").every(days => days === 365)).to.equal(true);
        const subscriptions = (s: string) =>
            byType(stacks[s].resources, "aws:sns/topicSubscription:TopicSubscription").map(t => t.inputs.endpoint);
        expect(subscriptions("dev")).to.deep.equal([]);
        expect(subscriptions("prod")).to.deep.equal(["platform-alarms@example.com"]);
        const classification = (s: string) => defaultTags(byType(stacks[s].resources, "pulumi:providers:aws")[0])["data-classification"];
        expect([classification("dev"), classification("prod")]).to.deep.equal(["internal", "confidential"]);
        const types = (s: string) =>
            stacks[s].resources
                .filter(r => r.type !== "pulumi:pulumi:Stack")
                .map(r => `${r.type}::${r.name}`)
                .sort();
        // Prod's Redis has two replicas: each node gets its own CPU and eviction alarms.
        const replicaAlarms = [2, 3].flatMap(node =>
            ["cpu", "evictions"].map(metric => `aws:cloudwatch/metricAlarm:MetricAlarm::shop-cache-${node}-${metric}`),
        );
        expect(types("prod")).to.deep.equal(
            types("dev")
                .concat(["aws:sns/topicSubscription:TopicSubscription::platform-alarm-email-0", ...replicaAlarms])
                .sort(),
        );
    });

    it("configures CsvToPostgres from the stack: Multi-AZ, long backups and deletion protection in prod only", () => {
        const database = (s: string) => byType(stacks[s].resources, "aws:rds/instance:Instance")[0].inputs;
        expect(database("dev")).to.deep.include({
            multiAz: false,
            backupRetentionPeriod: 7,
            deletionProtection: false,
            instanceClass: "db.t4g.micro",
        });
        expect(database("prod")).to.deep.include({
            multiAz: true,
            backupRetentionPeriod: 30,
            deletionProtection: true,
            instanceClass: "db.t4g.medium",
        });
        const rejectedDays = (s: string) =>
            (
                byType(stacks[s].resources, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration")[0].inputs.rules as {
                    id: string;
                    expiration?: { days: number };
                }[]
            ).find(rule => rule.id === "expire-rejected")!.expiration!.days;
        expect([rejectedDays("dev"), rejectedDays("prod")]).to.deep.equal([30, 90]);
        const loader = (s: string) =>
            byType(stacks[s].resources, "aws:lambda/function:Function").find(f => f.name === "csv-loader")!.inputs;
        expect(loader("prod").reservedConcurrentExecutions).to.equal(5);
    });
});

describe("the offline plan (npm run plan)", function () {
    // Each case runs the whole program in a child process: a minute on a busy two-core machine.
    this.timeout(180_000);
    for (const stack of ["dev", "prod"]) {
        it(`${stack} --json: lists SecureVpc and its children, with no mandatory violation`, () => {
            const run = plan(stack, "--json");
            expect(run.status, run.stderr).to.equal(0);
            const result = run.json();
            expect(result.stack).to.equal(stack);
            const secureVpc = result.resources.find(r => r.type === "dataplatform:network:SecureVpc");
            expect(secureVpc).to.not.equal(undefined);
            const children = result.resources.filter(r => r.parent === secureVpc!.urn).map(r => r.type);
            expect(children).to.include.members([
                "awsx:ec2:Vpc",
                "aws:ec2/flowLog:FlowLog",
                "aws:cloudwatch/logGroup:LogGroup",
                "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
            ]);
            expect(result.resources.filter(r => r.type === "aws:ec2/subnet:Subnet")).to.have.length(6);
            expect(result.resources.filter(r => r.type === "dataplatform:search:SearchAndCache").map(r => r.name)).to.deep.equal(["shop"]);
            const csv = result.resources.find(r => r.type === "dataplatform:pipeline:CsvToPostgres");
            expect(csv, "CsvToPostgres is in the plan").to.not.equal(undefined);
            expect(result.violations.filter(v => v.level === "mandatory")).to.deep.equal([]);
            for (const resource of result.resources) {
                expect(Object.keys(resource)).to.deep.equal(["urn", "type", "name", "parent", "aliases"]);
                expect(resource.aliases.every(alias => alias.startsWith(`urn:pulumi:${stack}::`))).to.equal(true);
            }
        });
    }

    for (const stack of ["dev", "prod"]) {
        it(`${stack}: no mandatory violation in either phase; what a preview leaves undecided is decided at up`, function () {
            this.timeout(240_000);
            const [preview, up] = planPhases.map(phase => {
                const run = plan(stack, "--json", "--phase", phase);
                expect(run.status, run.stderr).to.equal(0);
                return run.json();
            });
            expect([preview.phase, up.phase]).to.deep.equal(["preview", "up"]);
            for (const result of [preview, up]) {
                expect(result.violations.filter(v => v.level === "mandatory")).to.deep.equal([]);
            }
            // The stack's own OpenSearch access policy names role ARNs: undecided at preview, judged at up.
            const undecided = preview.violations.filter(v => v.policy === "preview-unverified");
            expect(undecided.map(v => v.urn.split("::").pop())).to.include("shop-search-access");
            expect(up.violations.filter(v => v.policy === "preview-unverified")).to.deep.equal([]);
            // Only rules that declare what they may not know at preview leave resources undecided.
            const declared = rules.filter(rule => rule.rule.unknownAtPreview !== undefined).map(rule => rule.name);
            for (const violation of undecided) {
                expect(
                    declared.some(name => violation.message.includes(` by ${name}: `)),
                    violation.message,
                ).to.equal(true);
            }
            const urns = (result: typeof up) => result.resources.map(r => r.urn).sort();
            expect(urns(up)).to.deep.equal(urns(preview));
        });
    }

    it("prints the resource tree and the verdict without --json", () => {
        const run = plan("dev");
        expect(run.status).to.equal(0);
        expect(run.stdout).to.match(/dataplatform:network:SecureVpc {2}network\n\s+aws:iam\/role:Role {2}network-flow-logs/);
        expect(run.stdout).to.contain("Policy violations: 0 mandatory");
    });

    it("exits 2 with a clear message on an unknown stack or bad arguments", () => {
        const unknown = plan("staging");
        expect(unknown.status).to.equal(2);
        expect(unknown.stderr).to.contain('unknown stack "staging": no Pulumi.staging.yaml (stacks: dev, prod)');
        expect(plan().status).to.equal(2);
        expect(plan("dev", "--yaml").stderr).to.contain("usage: npm run plan -- <stack> [--json]").and.contain("[--phase preview|up]");
        expect(plan("dev", "--phase", "apply").status).to.equal(2);
    });

    it("exits 2 naming the key when a stack's config is invalid", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plan-config-"));
        fs.copyFileSync(path.join(projectDir, "Pulumi.yaml"), path.join(dir, "Pulumi.yaml"));
        fs.writeFileSync(path.join(dir, "Pulumi.typo.yaml"), "config:\n  data-platform:azCount: three\n");
        fs.writeFileSync(path.join(dir, "Pulumi.range.yaml"), "config:\n  data-platform:natStrategy: Sometimes\n");
        const typo = planWith(dir, path.join(projectDir, "index.ts"), "typo");
        expect(typo.status).to.equal(2);
        expect(typo.stderr).to.contain('config data-platform:azCount must be of type integer (got "three")');
        const range = planWith(dir, path.join(projectDir, "index.ts"), "range");
        expect(range.status).to.equal(2);
        expect(range.stderr).to.contain('natStrategy must be one of None, Single, OnePerAz (got "Sometimes")');
    });

    it("exits 1 naming the rule and the resource when a program change breaks a mandatory policy", () => {
        const run = planWith(projectDir, path.join(projectDir, "test/fixtures/insecure-program.ts"), "dev", "--json");
        expect(run.status, run.stderr).to.equal(1);
        const mandatory = run.json().violations.filter(v => v.level === "mandatory");
        const found = mandatory.map(v => `${v.policy} ${v.urn.split("::").pop()}`);
        expect(found).to.include("security-group-no-public-ingress open-ssh");
        expect(found).to.include("lambda-in-vpc default-role");
        // Eight of CallbackFunction's nine default policies are broad; AWSXrayWriteOnlyAccess is not.
        const broad = mandatory.filter(v => v.policy === "iam-no-broad-managed-policies" && v.urn.includes("::default-role-"));
        expect(broad).to.have.length(8);
        expect(broad.map(v => v.message).join())
            .to.contain("AmazonS3FullAccess")
            .and.contain("AmazonCognitoPowerUser")
            .and.not.contain("Xray");
        expect(found).to.include("pulumi:default-provider-disabled default-provider-queue");
        for (const rule of ["s3-bucket-encrypted-kms", "s3-bucket-public-access-blocked", "s3-bucket-tls-only"]) {
            expect(found).to.include(`${rule} bare-bucket`);
        }
        for (const rule of ["rds-storage-encrypted", "rds-not-public", "rds-backups-enabled", "rds-tls-forced"]) {
            expect(found).to.include(`${rule} open-db`);
        }
    });

    it("judges what a preview cannot know at up: policies built with jsonStringify around ARNs", function () {
        this.timeout(240_000);
        const program = path.join(projectDir, "test/fixtures/insecure-program.ts");
        const [preview, up] = planPhases.map(phase => planWith(projectDir, program, "dev", "--json", "--phase", phase).json());
        const named = (violations: { policy: string; level: string; urn: string }[]) =>
            violations.map(v => `${v.policy} ${v.level} ${v.urn.split("::").pop()}`);
        // At preview the unknown policy leaves only its own bucket undecided; the bare bucket stays mandatory.
        expect(named(preview.violations))
            .to.include("s3-bucket-tls-only mandatory bare-bucket")
            .and.include("preview-unverified advisory string-policy-bucket")
            .and.include("preview-unverified advisory open-search-access")
            .and.not.include("s3-bucket-tls-only mandatory string-policy-bucket");
        expect(named(up.violations))
            .to.include("s3-bucket-tls-only mandatory bare-bucket")
            .and.include("s3-bucket-tls-only mandatory string-policy-bucket")
            .and.include("opensearch-no-open-access mandatory open-search-access")
            .and.not.include("preview-unverified advisory open-search-access");
    });
});
