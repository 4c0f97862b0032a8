// A plan's guardrail impact, computed once by `aws-org plan` and kept beside the plan as
// impact.json: the comment shows it within its budget, the guard's rules read it, and a reviewer
// who wants every action opens the file.
import { guardrailImpact, type GuardrailImpact } from "../guardrail-impact/compute-impact.js";
import { guardrailStatesFromPlan } from "./guardrail-state-from-plan.js";
import type { PlanJson, SynthesizedStack } from "./plan-json.js";

export const IMPACT_FILE = "impact.json";

export type { GuardrailImpact };

/** The impact of a plan's guardrail changes; undefined when the plan holds no guardrail policy. */
export async function planGuardrailImpact(plan: PlanJson, synthesized?: SynthesizedStack): Promise<GuardrailImpact | undefined> {
  const states = guardrailStatesFromPlan(plan, synthesized);
  return states ? guardrailImpact(states.before, states.after) : undefined;
}
