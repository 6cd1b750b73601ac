// The shipped source config and a load location, shared by the warehouse SQL tests.
import onlineRetail from "../../../sources/online-retail.json";
import { SourceConfig, validateSource } from "../../../functions/batch-warehouse/source-config";

export function retailSource(): SourceConfig {
    return validateSource(structuredClone(onlineRetail) as SourceConfig);
}

export const location = {
    processedRoot: "s3://dev-warehouse-processed/processed",
    roleArn: "arn:aws:iam::123456789012:role/dev-warehouse-copy",
    loadId: "jr_0123456789abcdef",
};
