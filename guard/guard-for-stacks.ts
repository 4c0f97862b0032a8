// The guard's decision over every planned stack of a pull request.
import type { StackPlan } from "../plan/stack-plan.js";
import { dangerousChanges } from "./dangerous-changes.js";
import { DEFAULT_ALLOW_FILE, evaluateGuard, readAllowFile, type GuardDecision } from "./evaluate-guard.js";

export interface GuardInputs {
  /** The pull request's labels; none for a drift check. */
  labels?: string[];
  /** The allow file; default config/allowed-destructive-changes.json. */
  allowFile?: string;
}

export function guardForStacks(stacks: StackPlan[], { labels = [], allowFile = DEFAULT_ALLOW_FILE }: GuardInputs = {}): GuardDecision {
  const dangerous = stacks.flatMap(dangerousChanges);
  return evaluateGuard(dangerous, { labels, allowedAddresses: readAllowFile(allowFile), allowFile });
}

/** "a, b" (a PR's label names joined by commas) -> ["a", "b"] */
export const parseLabels = (value: string | undefined): string[] =>
  (value ?? "").split(",").map((l) => l.trim()).filter(Boolean);
