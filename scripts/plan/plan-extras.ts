// What `--cost` and `--diagram` add to the plan: the estimate with its budget verdict, and the
// architecture drawn to a file.
import { budgetViolations } from "./cost/budget";
import { CostEstimate, estimateCosts } from "./cost/estimate";
import { parseCostSettings } from "./cost/usage";
import { buildDiagram, Diagram } from "./diagram/model";
import { writeDiagram } from "./diagram/render";
import { PlanDetail } from "./offline-plan";

/** The estimate of a plan; its budget violation (if any) joins the plan's violations. */
export function costOfPlan(detail: PlanDetail): CostEstimate {
    const estimate = estimateCosts(detail.resources, parseCostSettings(detail.config), detail.config.values["aws:region"]);
    detail.result.violations.push(...budgetViolations(estimate));
    return estimate;
}

export function diagramOfPlan(detail: PlanDetail): Diagram {
    return buildDiagram(detail.resources, `${detail.config.project} (${detail.config.stack}): architecture from the offline plan`);
}

export async function writeDiagramOfPlan(detail: PlanDetail, file: string): Promise<Diagram> {
    const diagram = diagramOfPlan(detail);
    await writeDiagram(diagram, file);
    return diagram;
}
