// The shipped source and a load location, shared by the warehouse SQL tests.
import { warehouseSourceConfig } from "../../../config/warehouse-source";
import { SourceConfig } from "../../../functions/batch-warehouse/source-config";
import { repositorySources } from "../../support/sources";

/** sources/online-retail.json as the warehouse sees it. */
export function retailSource(): SourceConfig {
    return warehouseSourceConfig(repositorySources().find(source => source.name === "online_retail")!);
}

export const location = {
    processedRoot: "s3://dev-warehouse-processed/processed",
    roleArn: "arn:aws:iam::123456789012:role/dev-warehouse-copy",
    loadId: "jr_0123456789abcdef",
};
