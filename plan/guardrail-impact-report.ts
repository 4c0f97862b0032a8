// A plan's guardrail impact, computed once by `aws-org plan` and kept beside the plan as
// impact.json: the comment shows it within its budget, the guard's rules read it, and a reviewer
// who wants every action opens the file.
import { guardrailImpact, type GuardrailImpact } from "../guardrail-impact/compute-impact.js";
import { guardrailStatesFromPlan } from "./guardrail-state-from-plan.js";

export { planHasGuardrails } from "./guardrail-state-from-plan.js";
import type { PlanJson, SynthesizedStack } from "./plan-json.js";
import type { StackPlan } from "./stack-plan.js";

export const IMPACT_FILE = "impact.json";

export type { GuardrailImpact };

/** The stack with its impact computed from its own plan (any impact.json is for people, never trusted). */
export async function withGuardrailImpact(stack: StackPlan): Promise<StackPlan> {
  if (!stack.plan || stack.error) return stack;
  const impact = await planGuardrailImpact(stack.plan, stack.synthesized);
  return impact ? { ...stack, impact } : stack;
}

/** The impact of a plan's guardrail changes; undefined when the plan holds no guardrail policy. */
export async function planGuardrailImpact(plan: PlanJson, synthesized?: SynthesizedStack): Promise<GuardrailImpact | undefined> {
  const states = guardrailStatesFromPlan(plan, synthesized);
  return states ? guardrailImpact(states.before, states.after) : undefined;
}
