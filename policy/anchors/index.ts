// The whole anchor table: every row is implemented by a rule (which names one of its ids) or waived.
import { networkAndComputeRows } from "./network-compute";
import { pipelineRows } from "./pipelines";
import { AnchorRow } from "./row";

export { AnchorRow } from "./row";
export const anchorRows: AnchorRow[] = [...networkAndComputeRows, ...pipelineRows];
