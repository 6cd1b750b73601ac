// Every policy of the pack, in one list the pack, the offline plan and the tests share: each
// service's rules (every PackPolicy a rules/<service>.ts file exports), in this order.
import { Policies } from "@pulumi/policy";
import { PackPolicy, previewUnverified } from "./lib/rule";
import * as apigateway from "./rules/apigateway";
import * as cloudwatch from "./rules/cloudwatch";
import * as dynamodb from "./rules/dynamodb";
import * as ebs from "./rules/ebs";
import * as ec2 from "./rules/ec2";
import * as ec2Instances from "./rules/ec2-instances";
import * as elasticache from "./rules/elasticache";
import * as eventbridge from "./rules/eventbridge";
import * as firehose from "./rules/firehose";
import * as glue from "./rules/glue";
import * as iam from "./rules/iam";
import * as kinesis from "./rules/kinesis";
import * as kms from "./rules/kms";
import * as lambda from "./rules/lambda";
import * as opensearch from "./rules/opensearch";
import * as rds from "./rules/rds";
import * as rdsOperations from "./rules/rds-operations";
import * as redshift from "./rules/redshift";
import * as s3 from "./rules/s3";
import * as secretsmanager from "./rules/secretsmanager";
import * as ses from "./rules/ses";
import * as sfn from "./rules/sfn";
import * as sns from "./rules/sns";
import * as sqs from "./rules/sqs";

export const policyPackName = "data-platform";

/** Rule files by service, in the order the pack and docs/policies.md list them. */
export const ruleModules: Record<string, Record<string, unknown>> = {
    ec2,
    "ec2-instances": ec2Instances,
    ebs,
    lambda,
    iam,
    kms,
    cloudwatch,
    opensearch,
    elasticache,
    dynamodb,
    apigateway,
    eventbridge,
    secretsmanager,
    s3,
    rds,
    "rds-operations": rdsOperations,
    sqs,
    sns,
    kinesis,
    firehose,
    redshift,
    glue,
    sfn,
    ses,
};

function isPackPolicy(value: unknown): value is PackPolicy {
    return typeof value === "object" && value !== null && "rule" in value && "undecided" in value;
}

/** The rules of the pack, each judging one resource at a time. */
export const rules: PackPolicy[] = Object.values(ruleModules).flatMap(module => Object.values(module).filter(isPackPolicy));

/** The pack: every rule, and the advisory report of what a preview left undecided. */
export const policies: Policies = [...rules, previewUnverified(rules)];
