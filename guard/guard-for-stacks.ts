// The guard's decision over every planned stack of a pull request.
import type { StackPlan } from "../plan/stack-plan.js";
import { dangerousChanges, type DangerousChange } from "./dangerous-changes.js";
import { DEFAULT_ALLOW_FILE, evaluateGuard, readAllowFile, type GuardDecision } from "./evaluate-guard.js";
import { DEFAULT_RULES_FILE, readRulesFile, ruleViolations } from "./guardrail-rules.js";

export interface GuardInputs {
  /** The pull request's labels; none for a drift check. */
  labels?: string[];
  /** The allow file; default config/allowed-destructive-changes.json. */
  allowFile?: string;
  /** The guardrail rules; default config/guardrail-rules.json. */
  rulesFile?: string;
}

/** Stacks read from disk carry no impact: give them withGuardrailImpact first, or a guardrail change is blocked under any rule. */
export function guardForStacks(stacks: StackPlan[], { labels = [], allowFile = DEFAULT_ALLOW_FILE, rulesFile = DEFAULT_RULES_FILE }: GuardInputs = {}): GuardDecision {
  const rules = readRulesFile(rulesFile);
  // A plan that failed cannot be judged: the guard fails on it rather than find nothing in it.
  const unjudged: DangerousChange[] = stacks
    .filter((stack) => stack.error || !stack.plan)
    .map((stack) => ({ stack: stack.name, address: "(plan)", category: "unjudged", reason: "the plan failed, so the guard cannot judge it: fix the plan first" }));
  const dangerous = [...unjudged, ...stacks.flatMap(dangerousChanges), ...stacks.flatMap((stack) => ruleViolations(stack, rules))];
  return evaluateGuard(dangerous, { labels, allowedAddresses: readAllowFile(allowFile), allowFile });
}

/** "a, b" (a PR's label names joined by commas) -> ["a", "b"] */
export const parseLabels = (value: string | undefined): string[] =>
  (value ?? "").split(",").map((l) => l.trim()).filter(Boolean);
