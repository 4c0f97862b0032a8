// Reads the plan fixtures made by `npm run fixtures:plans` (real tofu runs against moto): one
// directory per case, in the layout `aws-org plan` leaves in a stack directory.
import { fileURLToPath } from "node:url";
import { readStackPlan } from "../../plan/read-stack-plan.js";
import type { PlanJson } from "../../plan/plan-json.js";
import type { StackPlan } from "../../plan/stack-plan.js";

const PLAN_FIXTURES_DIR = fileURLToPath(new URL("../fixtures/plans/", import.meta.url));

export type PlanCase = "create" | "noop" | "update" | "move" | "rename-ou" | "replace-email" | "remove-account" | "remove-account-protected" | "import";

export const fixtureDir = (name: PlanCase): string => `${PLAN_FIXTURES_DIR}${name}`;

export function fixtureStack(name: PlanCase, stack = "organization"): StackPlan {
  return readStackPlan(stack, fixtureDir(name));
}

export function fixturePlan(name: PlanCase): PlanJson {
  return fixtureStack(name).plan!;
}
