// Type tokens the rules inspect. Where @pulumi/aws v7 renamed a resource, the deprecated token is
// listed too, so a program on either name is checked.

export const resourceTypes = {
    vpc: ["aws:ec2/vpc:Vpc"],
    awsxVpc: ["awsx:ec2:Vpc"],
    subnet: ["aws:ec2/subnet:Subnet"],
    flowLog: ["aws:ec2/flowLog:FlowLog"],
    securityGroup: ["aws:ec2/securityGroup:SecurityGroup"],
    securityGroupRule: ["aws:ec2/securityGroupRule:SecurityGroupRule"],
    securityGroupIngressRule: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule"],
    lambdaFunction: ["aws:lambda/function:Function"],
    lambdaPermission: ["aws:lambda/permission:Permission"],
    eventSourceMapping: ["aws:lambda/eventSourceMapping:EventSourceMapping"],
    role: ["aws:iam/role:Role"],
    rolePolicy: ["aws:iam/rolePolicy:RolePolicy"],
    iamPolicy: ["aws:iam/policy:Policy"],
    policyAttachment: [
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
        "aws:iam/policyAttachment:PolicyAttachment",
        "aws:iam/roleManagedPolicyAttachment:RoleManagedPolicyAttachment",
    ],
    kmsKey: ["aws:kms/key:Key"],
    logGroup: ["aws:cloudwatch/logGroup:LogGroup"],
    openSearchDomain: ["aws:opensearch/domain:Domain"],
    openSearchDomainPolicy: ["aws:opensearch/domainPolicy:DomainPolicy"],
    replicationGroup: ["aws:elasticache/replicationGroup:ReplicationGroup"],
    cacheSubnetGroup: ["aws:elasticache/subnetGroup:SubnetGroup"],
    dynamoTable: ["aws:dynamodb/table:Table"],
    apiMethod: ["aws:apigateway/method:Method"],
    apiStage: ["aws:apigateway/stage:Stage"],
    eventTarget: ["aws:cloudwatch/eventTarget:EventTarget"],
    secret: ["aws:secretsmanager/secret:Secret"],
    bucket: ["aws:s3/bucket:Bucket", "aws:s3/bucketV2:BucketV2"],
    bucketEncryption: [
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
    ],
    bucketVersioning: ["aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketVersioningV2:BucketVersioningV2"],
    bucketPublicAccessBlock: ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
    bucketPolicy: ["aws:s3/bucketPolicy:BucketPolicy"],
    rdsInstance: ["aws:rds/instance:Instance"],
    rdsParameterGroup: ["aws:rds/parameterGroup:ParameterGroup"],
    rdsSubnetGroup: ["aws:rds/subnetGroup:SubnetGroup"],
    sqsQueue: ["aws:sqs/queue:Queue"],
} as const;

export type ResourceKind = keyof typeof resourceTypes;

export function isKind(type: string, kind: ResourceKind): boolean {
    return (resourceTypes[kind] as readonly string[]).includes(type);
}
