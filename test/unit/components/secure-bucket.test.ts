import { expect } from "chai";
import { SecureBucket } from "../../../components/secure-bucket";
import { childrenOf, mocked, single } from "../../support/pulumi";
import { testPlatform } from "../../support/platform";

describe("SecureBucket", () => {
    before(mocked);

    it("encrypts with the platform key, blocks public access, enforces ownership and refuses plain HTTP", async () => {
        const { core } = testPlatform("bucket");
        const storage = new SecureBucket("bucket-files", {
            encryptionKey: core.encryptionKey,
            expiringPrefixes: [{ prefix: "tmp/", days: 3 }],
        });
        const children = await childrenOf(storage.urn);
        const encryption = single(children, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration");
        const rule = (encryption.inputs.rules as { applyServerSideEncryptionByDefault: { sseAlgorithm: string } }[])[0];
        expect(rule.applyServerSideEncryptionByDefault.sseAlgorithm).to.equal("aws:kms");
        expect(encryption.propertyDependencies.rules).to.include(single(await childrenOf(core.urn), "aws:kms/key:Key").urn);
        expect(single(children, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock").inputs).to.include({
            blockPublicAcls: true,
            blockPublicPolicy: true,
            ignorePublicAcls: true,
            restrictPublicBuckets: true,
        });
        const policy = JSON.stringify(single(children, "aws:s3/bucketPolicy:BucketPolicy").inputs.policy);
        expect(policy).to.contain("aws:SecureTransport");
        const lifecycle = JSON.stringify(single(children, "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration").inputs.rules);
        expect(lifecycle).to.contain('"prefix":"tmp/"');
        expect(storage.ready.length).to.be.greaterThan(0);
    });
});
