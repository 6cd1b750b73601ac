import { expect } from "chai";
import { PlatformCore } from "../../../components/platform-core";
import { childrenOf, mockAccountId, mocked, mockRegion, ofType, single } from "../../support/pulumi";

describe("PlatformCore", () => {
    before(mocked);

    it("builds a rotated key, and an alarm topic encrypted with it that e-mails each address", async () => {
        const core = new PlatformCore("core-direct", {
            accountId: mockAccountId,
            region: mockRegion,
            alarmEmails: ["ops@example.com", "oncall@example.com"],
        });
        const children = await childrenOf(core.urn);
        const key = single(children, "aws:kms/key:Key");
        expect(key.inputs.enableKeyRotation).to.equal(true);
        const topic = single(children, "aws:sns/topic:Topic");
        expect(topic.propertyDependencies.kmsMasterKeyId).to.deep.equal([key.urn]);
        const subscriptions = ofType(children, "aws:sns/topicSubscription:TopicSubscription");
        expect(subscriptions.map(s => [s.inputs.protocol, s.inputs.endpoint])).to.deep.equal([
            ["email", "ops@example.com"],
            ["email", "oncall@example.com"],
        ]);
        expect(JSON.stringify(single(children, "aws:sns/topicPolicy:TopicPolicy").inputs.policy)).to.contain("aws:SecureTransport");
    });
});
