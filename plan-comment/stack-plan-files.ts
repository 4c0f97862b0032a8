// The files a planned stack directory holds after `aws-org plan` (or the same tofu commands):
//   tfplan          the saved plan           tfplan.json   tofu show -json tfplan
//   tfplan.txt      tofu show -no-color      plan-error.txt  stderr of a failed plan
//   cdk.tf.json     what cdktf synthesized
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanJson, SynthesizedStack } from "./plan-json.js";
import type { StackPlan } from "./render-comment.js";

export const PLAN_FILES = { plan: "tfplan", json: "tfplan.json", text: "tfplan.txt", error: "plan-error.txt", synthesized: "cdk.tf.json" } as const;

const readIfPresent = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, "utf8") : undefined);

export function readStackPlan(name: string, dir: string): StackPlan {
  const error = readIfPresent(join(dir, PLAN_FILES.error));
  const json = readIfPresent(join(dir, PLAN_FILES.json));
  if (!error && !json) throw new Error(`${dir} holds neither ${PLAN_FILES.json} nor ${PLAN_FILES.error}: run \`aws-org plan --stack ${name}=${dir}\` first`);
  const synthesized = readIfPresent(join(dir, PLAN_FILES.synthesized));
  return {
    name,
    plan: json && !error ? (JSON.parse(json) as PlanJson) : undefined,
    planText: readIfPresent(join(dir, PLAN_FILES.text)),
    synthesized: synthesized ? (JSON.parse(synthesized) as SynthesizedStack) : undefined,
    error,
  };
}

/** "--stack organization=cdktf.out/stacks/organization" -> { name, dir }; a bare dir names itself. */
export function parseStackOption(value: string): { name: string; dir: string } {
  const at = value.indexOf("=");
  if (at > 0) return { name: value.slice(0, at), dir: value.slice(at + 1) };
  return { name: value.split("/").filter(Boolean).pop() ?? value, dir: value };
}
