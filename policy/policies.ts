// Every policy of the pack, in one list the pack, the offline plan and the tests share.
import { Policies } from "@pulumi/policy";
import { kmsKeyRotationEnabled, logGroupEncrypted } from "./rules/encryption";
import { iamNoBroadManagedPolicies, iamNoWildcardActions } from "./rules/iam";
import { lambdaPermissionScoped, lambdaTracingActive, streamMappingFailureHandling } from "./rules/lambda";
import { logGroupRetention } from "./rules/logging";
import { lambdaInPrivateSubnets, lambdaInVpc, securityGroupNoPublicIngress, vpcFlowLogsEnabled } from "./rules/network";

export const policyPackName = "data-platform";

export const policies: Policies = [
    vpcFlowLogsEnabled,
    securityGroupNoPublicIngress,
    lambdaInVpc,
    lambdaInPrivateSubnets,
    iamNoBroadManagedPolicies,
    iamNoWildcardActions,
    kmsKeyRotationEnabled,
    logGroupEncrypted,
    logGroupRetention,
    lambdaPermissionScoped,
    streamMappingFailureHandling,
    lambdaTracingActive,
];
