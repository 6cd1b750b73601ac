// Account-level settings some components rely on. Each exists once per account (or per account
// and region): exactly one stack should own them, so they live apart from the components.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { serviceRole } from "./service-role";

export interface AccountSettingsArgs {
    accountId: pulumi.Input<string>;
    region: string;
    tags?: Record<string, string>;
}

export class AccountSettings extends pulumi.ComponentResource {
    /** What resources that need these settings should depend on. */
    public readonly prerequisites: pulumi.Resource[];

    constructor(name: string, args: AccountSettingsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dataplatform:account:AccountSettings", name, {}, opts);
        const child = { parent: this };

        // OpenSearch domains in a VPC need the service's role to manage their network interfaces (account-wide).
        const openSearchRole = new aws.iam.ServiceLinkedRole(
            `${name}-opensearch`,
            { awsServiceName: "opensearchservice.amazonaws.com", description: "Lets OpenSearch Service manage VPC domains" },
            child,
        );

        // API Gateway writes access and execution logs through one role per account and region.
        const logGroups = pulumi.interpolate`arn:aws:logs:${args.region}:${args.accountId}:log-group:*`;
        const { role: apiLogsRole, policy: apiLogsPolicy } = serviceRole(
            `${name}-apigateway-logs`,
            {
                service: "apigateway.amazonaws.com",
                accountId: args.accountId,
                description: "API Gateway writes stage logs to CloudWatch Logs",
                statements: [
                    {
                        sid: "WriteStageLogs",
                        actions: [
                            "logs:CreateLogGroup",
                            "logs:CreateLogStream",
                            "logs:DescribeLogGroups",
                            "logs:DescribeLogStreams",
                            "logs:PutLogEvents",
                            "logs:GetLogEvents",
                            "logs:FilterLogEvents",
                        ],
                        resources: [logGroups, pulumi.interpolate`${logGroups}:*`],
                    },
                ],
                tags: args.tags,
            },
            child,
        );
        const apiGatewayAccount = new aws.apigateway.Account(
            `${name}-apigateway`,
            { cloudwatchRoleArn: apiLogsRole.arn },
            { parent: this, dependsOn: [apiLogsPolicy] },
        );

        this.prerequisites = [openSearchRole, apiGatewayAccount];
        this.registerOutputs({ apiGatewayLogsRoleArn: apiLogsRole.arn });
    }
}
