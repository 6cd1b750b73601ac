// InlineLambda: the one way this program makes a Lambda from an inline callback.
// It always pins runtime and architecture, places the function in the private tier, gives it an
// explicit least-privilege role (never CallbackFunction's default managed policies), an encrypted
// log group with retention, tracing, failure handling for its invocation kind, and alarms.
// Its code is the callback serialized as CallbackFunction would, bundled by esbuild into one file.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { topicAlarm } from "./alarms";
import { encryptedLogGroupArgs } from "./defaults/log-defaults";
import {
    asyncInvocationDefaults,
    lambdaArchitecture,
    lambdaDefaults,
    lambdaRuntime,
    streamConsumerDefaults,
} from "./defaults/lambda-defaults";
import { failureQueue } from "./failure-queue";
import { PolicyStatement } from "./iam";
import { assertProductionDependencies, LambdaBundle, lambdaCode } from "./lambda-packaging";
import { baselineStatements, failureQueueStatements, streamReadStatement } from "./lambda-permissions";
import { PlatformContext } from "./platform-context";
import { serviceRole } from "./service-role";

/** A handler as the callback factory returns it; clients live in the factory's closure. */
export type LambdaHandler<E, R> = (event: E, context: aws.lambda.Context) => Promise<R>;

/** Invoked synchronously (API Gateway): the caller sees the error, nothing to retry. */
export interface SyncInvocation {
    kind: "sync";
}

/** Invoked asynchronously (schedules, S3 notifications): retries, then an encrypted failure queue. */
export interface AsyncInvocation {
    kind: "async";
    /** Default 2 (Lambda's maximum). */
    maximumRetryAttempts?: number;
    /** Default 6 hours (Lambda's maximum). */
    maximumEventAgeInSeconds?: number;
}

/** Consumes a Kinesis or DynamoDB stream through an explicit event source mapping. */
export interface StreamInvocation {
    kind: "stream";
    source: "kinesis" | "dynamodb";
    /** Stream ARN (Kinesis stream ARN or DynamoDB table stream ARN). */
    eventSourceArn: pulumi.Input<string>;
    /** Default 100. */
    batchSize?: number;
    /** Default 1 second. */
    maximumBatchingWindowInSeconds?: number;
    /** Default 10; failed records are bisected first. */
    maximumRetryAttempts?: number;
    /** Default 24 hours. */
    maximumRecordAgeInSeconds?: number;
    /** Kinesis only: concurrent batches per shard. Default 1 (keeps per-key order). */
    parallelizationFactor?: number;
}

export type Invocation = SyncInvocation | AsyncInvocation | StreamInvocation;

export interface InlineLambdaArgs<E, R> {
    platform: PlatformContext;
    /** What the function does, shown in the console. */
    description: string;
    /** Runs once per container (cold start) and returns the handler: create clients here. */
    handlerFactory: () => LambdaHandler<E, R>;
    /**
     * npm packages the code may use (an allow-list checked against the bundle: a package the code
     * reaches but this list does not name fails at construction); they must be production dependencies.
     */
    packages: string[];
    /** Least-privilege statements for what the code calls (logs, VPC and tracing are added). */
    permissions: PolicyStatement[];
    /** The function's security group (from `SecureVpc.clientSecurityGroup`). */
    securityGroup: aws.ec2.SecurityGroup;
    invocation: Invocation;
    /** Environment variables (encrypted at rest with the platform key). Never secrets. */
    environment?: Record<string, pulumi.Input<string>>;
    /** Default 30 seconds. */
    timeoutSeconds?: number;
    /** Default 256 MB. */
    memorySizeMb?: number;
    /** Caps concurrent executions (protects databases from connection storms). Default: unreserved. */
    reservedConcurrency?: number;
    tags?: Record<string, string>;
}

export class InlineLambda<E, R> extends pulumi.ComponentResource {
    public readonly function: aws.lambda.Function;
    /** The one file the function uploads (see `uploadedBundle`). */
    public readonly bundle: Promise<LambdaBundle>;
    public readonly role: aws.iam.Role;
    public readonly logGroup: aws.cloudwatch.LogGroup;
    /** Where failed asynchronous events or stream batches go (absent for sync invocation). */
    public readonly failureQueue?: aws.sqs.Queue;
    public readonly eventSourceMapping?: aws.lambda.EventSourceMapping;

    private readonly name: string;
    private readonly accountId: pulumi.Input<string>;

    constructor(name: string, args: InlineLambdaArgs<E, R>, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:lambda:InlineLambda", name, {}, opts);
        this.name = name;
        this.accountId = args.platform.accountId;
        const { platform, invocation } = args;
        const tags = args.tags ?? {};
        const child = { parent: this };
        assertProductionDependencies(`InlineLambda ${name}`, args.packages);

        this.logGroup = new aws.cloudwatch.LogGroup(
            name,
            { ...encryptedLogGroupArgs(platform.encryptionKey, platform.logRetentionInDays), tags },
            child,
        );

        if (invocation.kind !== "sync") {
            this.failureQueue = failureQueue(
                `${name}-failures`,
                {
                    platform,
                    alarmName: `${name}-failed-events`,
                    alarmDescription: `${name} has events it could not process in its failure queue`,
                    tags,
                },
                child,
            );
        }

        // The code's own statements are checked for least privilege with the baseline ones.
        const execution = serviceRole(
            name,
            {
                service: "lambda.amazonaws.com",
                accountId: platform.accountId,
                description: `Execution role of ${name}`,
                statements: [
                    ...baselineStatements({ region: platform.region, accountId: platform.accountId, logGroupArn: this.logGroup.arn }),
                    ...(this.failureQueue ? failureQueueStatements(this.failureQueue.arn, platform.encryptionKey.arn) : []),
                    ...(invocation.kind === "stream" ? [streamReadStatement(invocation.source, invocation.eventSourceArn)] : []),
                    ...args.permissions,
                ],
                tags,
            },
            child,
        );
        this.role = execution.role;
        const rolePolicy = execution.policy;

        const { bundle, code } = lambdaCode(`InlineLambda ${name}`, args.handlerFactory, args.packages, this);
        this.bundle = bundle;

        this.function = new aws.lambda.Function(
            name,
            {
                description: args.description,
                code,
                handler: "__index.handler",
                role: this.role.arn,
                runtime: lambdaRuntime,
                architectures: [lambdaArchitecture],
                timeout: args.timeoutSeconds ?? lambdaDefaults.timeoutSeconds,
                memorySize: args.memorySizeMb ?? lambdaDefaults.memorySizeMb,
                reservedConcurrentExecutions: args.reservedConcurrency,
                vpcConfig: {
                    subnetIds: platform.network.subnets("private").subnetIds,
                    securityGroupIds: [args.securityGroup.id],
                },
                loggingConfig: { logFormat: "JSON", logGroup: this.logGroup.name, applicationLogLevel: "INFO", systemLogLevel: "WARN" },
                tracingConfig: { mode: "Active" },
                kmsKeyArn: platform.encryptionKey.arn,
                environment: args.environment === undefined ? undefined : { variables: args.environment },
                tags,
            },
            { parent: this, dependsOn: [rolePolicy] },
        ); // Lambda checks the VPC permissions at creation

        if (invocation.kind === "async" && this.failureQueue) {
            new aws.lambda.FunctionEventInvokeConfig(
                name,
                {
                    functionName: this.function.name,
                    maximumRetryAttempts: invocation.maximumRetryAttempts ?? asyncInvocationDefaults.maximumRetryAttempts,
                    maximumEventAgeInSeconds: invocation.maximumEventAgeInSeconds ?? asyncInvocationDefaults.maximumEventAgeInSeconds,
                    destinationConfig: { onFailure: { destination: this.failureQueue.arn } },
                },
                child,
            );
        }
        if (invocation.kind === "stream" && this.failureQueue) {
            this.eventSourceMapping = new aws.lambda.EventSourceMapping(
                name,
                {
                    eventSourceArn: invocation.eventSourceArn,
                    functionName: this.function.arn,
                    startingPosition: streamConsumerDefaults.startingPosition,
                    batchSize: invocation.batchSize ?? streamConsumerDefaults.batchSize,
                    maximumBatchingWindowInSeconds:
                        invocation.maximumBatchingWindowInSeconds ?? streamConsumerDefaults.maximumBatchingWindowInSeconds,
                    bisectBatchOnFunctionError: streamConsumerDefaults.bisectBatchOnFunctionError,
                    maximumRetryAttempts: invocation.maximumRetryAttempts ?? streamConsumerDefaults.maximumRetryAttempts,
                    maximumRecordAgeInSeconds: invocation.maximumRecordAgeInSeconds ?? streamConsumerDefaults.maximumRecordAgeInSeconds,
                    functionResponseTypes: [...streamConsumerDefaults.functionResponseTypes],
                    destinationConfig: { onFailure: { destinationArn: this.failureQueue.arn } },
                    ...(invocation.source === "kinesis" ? { parallelizationFactor: invocation.parallelizationFactor ?? 1 } : {}),
                },
                child,
            );
        }

        topicAlarm(
            `${name}-errors`,
            {
                description: `${name} reported errors`,
                namespace: "AWS/Lambda",
                metricName: "Errors",
                dimensions: { FunctionName: this.function.name },
                statistic: "Sum",
                threshold: 1,
                comparison: "GreaterThanOrEqualToThreshold",
            },
            platform.alarmTopicArn,
            child,
        );
        if (invocation.kind === "stream") {
            topicAlarm(
                `${name}-iterator-age`,
                {
                    description: `${name} is falling behind its stream`,
                    namespace: "AWS/Lambda",
                    metricName: "IteratorAge",
                    dimensions: { FunctionName: this.function.name },
                    statistic: "Maximum",
                    threshold: 60 * 60 * 1000,
                    comparison: "GreaterThanOrEqualToThreshold",
                },
                platform.alarmTopicArn,
                child,
            );
        }

        this.registerOutputs({
            functionName: this.function.name,
            functionArn: this.function.arn,
            roleArn: this.role.arn,
            logGroupName: this.logGroup.name,
            failureQueueUrl: this.failureQueue?.url,
        });
    }

    /** Lets one AWS service invoke the function, only from `sourceArn` in this account. */
    public allowInvocation(name: string, principal: string, sourceArn: pulumi.Input<string>): aws.lambda.Permission {
        return new aws.lambda.Permission(
            `${this.name}-${name}`,
            {
                action: "lambda:InvokeFunction",
                function: this.function.name,
                principal,
                sourceArn,
                sourceAccount: this.accountId,
            },
            { parent: this },
        );
    }
}
