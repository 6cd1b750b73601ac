// The inputs of a resource that decide its security: who may reach or assume it, what encrypts it,
// where it sits in the network, what it logs and keeps. A restructuring must leave them unchanged.

const securityKeyPattern =
    /polic|kms|encrypt|sse|ssl|tls|https|public|vpc|securityGroup|ingress|egress|subnet|cidr|port|protect|deletion|principal|source|role|trust|auth|apiKey|transit|backup|retention|snapshot|versioning|logging|log|tracing|permission|action|access|condition|engine|multiAz|replica|failover|throttl|quota|environment|runtime|filter|events|destination|deadLetter|retry|maximum|concurrency/i;

/** The security-relevant top-level inputs of one resource, keys sorted. */
export function securityInputs(inputs: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(
        Object.keys(inputs)
            .filter(key => securityKeyPattern.test(key))
            .sort()
            .map(key => [key, inputs[key]]),
    );
}
