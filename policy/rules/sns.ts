// SNS topics: encrypted with the stack's key, TLS only, not open to everyone; subscriptions keep
// what they cannot deliver.
import { openPolicyRule, tlsOnlyRule } from "../lib/resource-policies";
import { resourceRule } from "../lib/rule";
import { knownOrUnknown } from "../lib/values";

export const snsTopicEncrypted = resourceRule({
    name: "sns-topic-encrypted",
    description:
        "SNS topics are encrypted with a customer-managed KMS key, not alias/aws/sns (Security Hub SNS.1, cdk-nag SNSEncryptedKMS).",
    enforcementLevel: "mandatory",
    anchors: ["SNS.1"],
    kinds: ["snsTopic"],
    check: (topic, report) => {
        // The key ARN is unknown until the key exists: present is enough.
        const key = knownOrUnknown(() => topic.props.kmsMasterKeyId);
        if (key === undefined || key === "alias/aws/sns") {
            report(`SNS topic ${topic.name} is not encrypted with a customer-managed key: set kmsMasterKeyId to the stack key`);
        }
    },
});

export const snsTopicTlsOnly = tlsOnlyRule({
    name: "sns-topic-tls-only",
    description: 'SNS topic policies deny sns:Publish to everyone when aws:SecureTransport is "false" (cdk-nag AwsSolutions-SNS3).',
    enforcementLevel: "mandatory",
    anchors: ["AwsSolutions-SNS3"],
    kind: "snsTopic",
    policyKind: "snsTopicPolicy",
    link: "arn",
    actions: ["sns:Publish", "sns:*"],
});

export const snsTopicPolicyNotPublic = openPolicyRule({
    name: "sns-topic-policy-not-public",
    description: 'SNS topic policies admit no one-and-everyone: no Allow to Principal "*" without a condition (Security Hub SNS.4).',
    anchors: ["SNS.4"],
    kinds: ["snsTopic", "snsTopicPolicy"],
});

const redrivenProtocols = ["lambda", "sqs", "http", "https", "firehose", "application"];

export const snsSubscriptionRedrive = resourceRule({
    name: "sns-subscription-redrive",
    description:
        "SNS subscriptions to functions, queues and endpoints keep undeliverable messages in a dead-letter queue (cdk-nag Serverless SNSRedrivePolicy).",
    enforcementLevel: "mandatory",
    anchors: ["Serverless-SNSRedrivePolicy"],
    kinds: ["snsSubscription"],
    check: (subscription, report) => {
        if (redrivenProtocols.includes(String(subscription.props.protocol)) && !("redrivePolicy" in subscription.props)) {
            report(
                `SNS subscription ${subscription.name} (${String(subscription.props.protocol)}) drops what it cannot deliver: set redrivePolicy to a dead-letter queue`,
            );
        }
    },
});
