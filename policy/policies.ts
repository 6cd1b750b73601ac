// Every policy of the pack, in one list the pack, the offline plan and the tests share.
import { Policies } from "@pulumi/policy";
import { PackPolicy, previewUnverified } from "./lib/rule";
import { apiMethodAccessControlled, apiStageAccessLogging, apiStageTracing } from "./rules/apigateway";
import { dynamoDbEncryptedWithCmk, dynamoDbPointInTimeRecovery } from "./rules/dynamodb";
import {
    elastiCacheAtRestEncryption,
    elastiCacheAuth,
    elastiCacheBackups,
    elastiCacheFailover,
    elastiCacheInIsolatedSubnets,
    elastiCacheTransitEncryption,
} from "./rules/elasticache";
import { logGroupEncrypted, logGroupRetention } from "./rules/cloudwatch";
import { kmsKeyRotationEnabled } from "./rules/kms";
import { iamNoBroadManagedPolicies, iamNoWildcardActions } from "./rules/iam";
import {
    lambdaInPrivateSubnets,
    lambdaInVpc,
    lambdaPermissionScoped,
    lambdaTracingActive,
    streamMappingFailureHandling,
} from "./rules/lambda";
import { eventTargetDeadLetter } from "./rules/eventbridge";
import { securityGroupNoPublicIngress, vpcFlowLogsEnabled } from "./rules/ec2";
import {
    openSearchEncryptedAtRest,
    openSearchHighAvailability,
    openSearchHttpsOnly,
    openSearchInIsolatedSubnets,
    openSearchInVpc,
    openSearchLogsPublished,
    openSearchNodeToNodeEncryption,
    openSearchNoOpenAccess,
} from "./rules/opensearch";
import { secretEncryptedWithCmk } from "./rules/secretsmanager";
import { rdsBackupsEnabled, rdsInIsolatedSubnets, rdsNotPublic, rdsStorageEncrypted, rdsTlsForced } from "./rules/rds";
import { s3BucketEncryptedWithKms, s3BucketPublicAccessBlocked, s3BucketTlsOnly, s3BucketVersioned } from "./rules/s3";
import { sqsQueueEncrypted } from "./rules/sqs";

export const policyPackName = "data-platform";

/** The rules of the pack, each judging one resource at a time. */
export const rules: PackPolicy[] = [
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
    openSearchInVpc,
    openSearchInIsolatedSubnets,
    openSearchEncryptedAtRest,
    openSearchNodeToNodeEncryption,
    openSearchHttpsOnly,
    openSearchNoOpenAccess,
    openSearchLogsPublished,
    openSearchHighAvailability,
    elastiCacheTransitEncryption,
    elastiCacheAtRestEncryption,
    elastiCacheAuth,
    elastiCacheInIsolatedSubnets,
    elastiCacheFailover,
    elastiCacheBackups,
    dynamoDbEncryptedWithCmk,
    dynamoDbPointInTimeRecovery,
    apiMethodAccessControlled,
    apiStageAccessLogging,
    apiStageTracing,
    eventTargetDeadLetter,
    secretEncryptedWithCmk,
    s3BucketEncryptedWithKms,
    s3BucketPublicAccessBlocked,
    s3BucketTlsOnly,
    s3BucketVersioned,
    rdsStorageEncrypted,
    rdsNotPublic,
    rdsInIsolatedSubnets,
    rdsBackupsEnabled,
    rdsTlsForced,
    sqsQueueEncrypted,
];

/** The pack: every rule, and the advisory report of what a preview left undecided. */
export const policies: Policies = [...rules, previewUnverified(rules)];
