// Reads the plan fixtures made by `npm run fixtures:plans` (real tofu runs against moto).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PlanJson, SynthesizedStack } from "../../plan-comment/plan-json.js";
import type { StackPlan } from "../../plan-comment/render-comment.js";

const DIR = fileURLToPath(new URL("../fixtures/plans/", import.meta.url));
const read = (file: string): string | undefined => (existsSync(DIR + file) ? readFileSync(DIR + file, "utf8") : undefined);

export type PlanCase = "create" | "noop" | "update" | "move" | "rename-ou" | "replace-email" | "remove-account" | "remove-account-protected" | "import";

export function fixturePlan(name: PlanCase): PlanJson {
  return JSON.parse(read(`${name}.plan.json`)!) as PlanJson;
}

export function fixtureStack(name: PlanCase, stack = "organization"): StackPlan {
  const json = read(`${name}.plan.json`);
  return {
    name: stack,
    plan: json ? (JSON.parse(json) as PlanJson) : undefined,
    planText: read(`${name}.plan.txt`),
    synthesized: JSON.parse(read(`${name}.cdk.tf.json`)!) as SynthesizedStack,
    error: read(`${name}.error.txt`),
  };
}
