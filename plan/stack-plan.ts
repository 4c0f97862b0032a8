// One stack's plan as every consumer reads it (the comment, the guard, the drift report, the
// apply check): the plan itself, its text, the synthesized JSON, or the error of a failed plan;
// and what is derived from the plan (summary, digest), computed once when the plan is read.
import type { PlanJson, SynthesizedStack } from "./plan-json.js";
import { planDigest } from "./plan-digest.js";
import { summarizePlan, type PlanSummary } from "./summarize-plan.js";
import type { UnmanagedReport } from "./unmanaged.js";
import type { WarningsReport } from "./limit-warnings-report.js";
import type { GuardrailImpact } from "../guardrail-impact/compute-impact.js";

export interface StackPlanInput {
  name: string;
  /** The plan as JSON (tofu show -json); absent when the plan failed. */
  plan?: PlanJson;
  /** tofu show -no-color <planfile>, or the failed plan's output. */
  planText?: string;
  /** The synthesized stack, for the OU of new accounts. */
  synthesized?: SynthesizedStack;
  /** Set when `tofu plan` failed: its error output. */
  error?: string;
  /** Accounts and OUs in the organization that no stack manages (organization stack only). */
  unmanaged?: UnmanagedReport;
  /** AWS limits the plan runs into (organization stack only): warnings, never a block. */
  warnings?: WarningsReport;
  /** Which actions the plan's guardrail changes deny where: computed from the plan (withGuardrailImpact), never read from a file. */
  impact?: GuardrailImpact;
}

export interface StackPlan extends StackPlanInput {
  /** What the plan does, sorted for a reviewer; absent when the plan failed. */
  readonly summary?: PlanSummary;
  /** The fingerprint the apply compares with the reviewed plan's. */
  readonly digest?: string;
}

export function stackPlan(input: StackPlanInput): StackPlan {
  const usable = input.plan && !input.error ? input.plan : undefined;
  return { ...input, summary: usable ? summarizePlan(usable) : undefined, digest: usable ? planDigest(usable) : undefined };
}
