// What a scheduled plan says about drift: "clean" only when every stack planned, planned no
// change, and the organization's unmanaged objects were listed and none were found (what another
// service owns, such as Control Tower's permission sets, is listed but is not drift). A plan that
// failed or a listing that could not be made is "unknown", which keeps the drift issue open (or
// opens it) with the reason: an unknown state is never reported as a clean one.
import type { StackPlan } from "./stack-plan.js";

export interface DriftState {
  state: "clean" | "drifted" | "unknown";
  /** Why, a line per stack: what changed, or what could not be checked. */
  reasons: string[];
}

export function driftState(stacks: StackPlan[]): DriftState {
  const unknown: string[] = [];
  const drifted: string[] = [];
  if (stacks.length === 0) unknown.push("no stack was planned");
  for (const stack of stacks) {
    if (stack.error || !stack.summary) unknown.push(`${stack.name}: the plan failed, so drift could not be checked`);
    else if (stack.summary.total > 0) drifted.push(`${stack.name}: ${stack.summary.total} change${stack.summary.total === 1 ? "" : "s"} planned`);
    if (stack.unmanaged?.error) unknown.push(`${stack.name}: could not list what the organization holds and no stack manages (${stack.unmanaged.error})`);
    else {
      // What another service owns (Control Tower's permission sets) is listed, but is not drift: it is always there.
      const unowned = (stack.unmanaged?.objects ?? []).filter((o) => o.owner === undefined).length;
      if (unowned > 0) drifted.push(`${stack.name}: ${unowned} object${unowned === 1 ? "" : "s"} in the organization that no stack manages`);
    }
  }
  return { state: unknown.length > 0 ? "unknown" : drifted.length > 0 ? "drifted" : "clean", reasons: [...unknown, ...drifted] };
}
