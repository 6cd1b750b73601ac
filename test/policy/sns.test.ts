import { snsSubscriptionRedrive, snsTopicEncrypted, snsTopicPolicyNotPublic, snsTopicTlsOnly } from "../../policy/rules/sns";
import { resource, unknownAtPreview } from "../support/policy";
import { describeRule } from "../support/rule-cases";

const topicType = "aws:sns/topic:Topic";
const tlsDeny = {
    Effect: "Deny",
    Principal: "*",
    Action: "sns:Publish",
    Resource: "*",
    Condition: { Bool: { "aws:SecureTransport": "false" } },
};
const alarmsPublish = {
    Effect: "Allow",
    Principal: { Service: "cloudwatch.amazonaws.com" },
    Action: "sns:Publish",
    Resource: "*",
    Condition: { StringEquals: { "aws:SourceAccount": "123456789012" } },
};
const policyOf = (...statements: Record<string, unknown>[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });

describeRule({
    rule: snsTopicEncrypted,
    type: topicType,
    compliant: { kmsMasterKeyId: unknownAtPreview },
    // The key is unknown until it exists: present is enough, so the rule decides at preview.
    violating: { "no key": {}, "the AWS-managed key": { kmsMasterKeyId: "alias/aws/sns" } },
});

describeRule({
    rule: snsTopicTlsOnly,
    type: topicType,
    compliant: {},
    violating: { "a topic whose policy allows publishing without TLS": {} },
    unknown: {},
    build: (name, props) => {
        const topic = resource(topicType, name, props);
        const document =
            name === "pending" ? unknownAtPreview : name === "bad" ? policyOf(alarmsPublish) : policyOf(alarmsPublish, tlsDeny);
        const policy = resource(
            "aws:sns/topicPolicy:TopicPolicy",
            `${name}-policy`,
            { arn: unknownAtPreview, policy: document },
            { propertyDependencies: { arn: [topic] } },
        );
        return [topic, policy];
    },
});

describeRule({
    rule: snsTopicPolicyNotPublic,
    type: "aws:sns/topicPolicy:TopicPolicy",
    compliant: { arn: unknownAtPreview, policy: policyOf(alarmsPublish, tlsDeny) },
    violating: {
        "publish open to everyone": { arn: unknownAtPreview, policy: policyOf({ ...alarmsPublish, Principal: "*", Condition: undefined }) },
    },
    unknown: { arn: unknownAtPreview, policy: unknownAtPreview },
});

describeRule({
    rule: snsSubscriptionRedrive,
    type: "aws:sns/topicSubscription:TopicSubscription",
    compliant: { protocol: "sqs", endpoint: unknownAtPreview, topic: unknownAtPreview, redrivePolicy: unknownAtPreview },
    violating: { "a Lambda subscription without a DLQ": { protocol: "lambda", endpoint: unknownAtPreview, topic: unknownAtPreview } },
    unknown: { protocol: unknownAtPreview, endpoint: unknownAtPreview, topic: unknownAtPreview },
});
