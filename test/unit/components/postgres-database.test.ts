import { expect } from "chai";
import { PostgresDatabase } from "../../../components/postgres-database";
import { childrenOf, mocked, single } from "../../support/pulumi";
import { testPlatform } from "../../support/platform";

describe("PostgresDatabase", () => {
    before(mocked);

    it("is private, encrypted with the platform key, TLS-only, with a managed password, admitting only its clients", async () => {
        const { platform, network } = testPlatform("pg");
        const client = network.clientSecurityGroup("pg-client", "pg test client");
        const database = new PostgresDatabase("pg-db", { platform, clients: [client], engineVersion: "16", backupRetentionDays: 3 });
        const children = await childrenOf(database.urn);
        const instance = single(children, "aws:rds/instance:Instance");
        expect(instance.inputs).to.include({
            storageEncrypted: true,
            publiclyAccessible: false,
            manageMasterUserPassword: true,
            backupRetentionPeriod: 3,
            engineVersion: "16",
        });
        const parameters = single(children, "aws:rds/parameterGroup:ParameterGroup");
        expect(parameters.inputs.family).to.equal("postgres16");
        expect(JSON.stringify(parameters.inputs.parameters)).to.contain("rds.force_ssl");
        const subnets = single(children, "aws:rds/subnetGroup:SubnetGroup");
        expect((subnets.inputs.subnetIds as string[]).every(id => id.startsWith("subnet-isolated-"))).to.equal(true);
    });

    it("refuses a backup retention outside 1 to 35 days", () => {
        const { platform } = testPlatform("pg-bad");
        expect(() => new PostgresDatabase("pg-bad-db", { platform, clients: [], backupRetentionDays: 0 })).to.throw(/backupRetentionDays/);
    });
});
