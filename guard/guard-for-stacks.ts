// The guard's decision over every planned stack of a pull request.
import type { StackPlan } from "../plan/stack-plan.js";
import { dangerousChanges, evaluateGuard, readAllowFile, type GuardDecision } from "./evaluate-guard.js";

export function guardForStacks(stacks: StackPlan[], labels: string[], allowFile?: string): GuardDecision {
  const dangerous = stacks.flatMap((s) => (s.summary ? dangerousChanges(s.name, s.summary) : []));
  return evaluateGuard(dangerous, labels, readAllowFile(allowFile));
}

/** "a, b" (a PR's label names joined by commas) -> ["a", "b"] */
export const parseLabels = (value: string | undefined): string[] =>
  (value ?? "").split(",").map((l) => l.trim()).filter(Boolean);
