// The files a planned stack directory holds after `aws-org plan` (tofu/plan-stack.ts):
//   tfplan          the saved plan           tfplan.json     tofu show -json tfplan
//   tfplan.txt      tofu show -no-color      plan-error.txt  the output of a failed init or plan
//   cdk.tf.json     what was synthesized
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanJson, SynthesizedStack } from "./plan-json.js";
import { stackPlan, type StackPlan } from "./stack-plan.js";
import { withGuardrailImpact } from "./guardrail-impact-report.js";
import { UNMANAGED_FILE, type UnmanagedReport } from "./unmanaged.js";
import { WARNINGS_FILE, type WarningsReport } from "./limit-warnings-report.js";

export const PLAN_FILES = { plan: "tfplan", json: "tfplan.json", text: "tfplan.txt", error: "plan-error.txt", synthesized: "cdk.tf.json" } as const;

const readIfPresent = (file: string): string | undefined => (existsSync(file) ? readFileSync(file, "utf8") : undefined);

function parseJson<T>(file: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    // A plan that cannot be read is never taken for "no changes".
    throw new Error(`${file} is not valid JSON (${(error as Error).message.split("\n")[0]}): plan again with \`aws-org plan\``);
  }
}

export function readStackPlan(name: string, dir: string): StackPlan {
  const error = readIfPresent(join(dir, PLAN_FILES.error));
  const json = readIfPresent(join(dir, PLAN_FILES.json));
  if (!error && !json) throw new Error(`${dir} holds neither ${PLAN_FILES.json} nor ${PLAN_FILES.error}: run \`aws-org plan --stack ${name}=${dir}\` first`);
  const synthesized = readIfPresent(join(dir, PLAN_FILES.synthesized));
  const unmanaged = readIfPresent(join(dir, UNMANAGED_FILE));
  const warnings = readIfPresent(join(dir, WARNINGS_FILE));
  return stackPlan({
    name,
    plan: json && !error ? parseJson<PlanJson>(join(dir, PLAN_FILES.json), json) : undefined,
    planText: readIfPresent(join(dir, PLAN_FILES.text)),
    synthesized: synthesized ? parseJson<SynthesizedStack>(join(dir, PLAN_FILES.synthesized), synthesized) : undefined,
    error,
    ...(unmanaged ? { unmanaged: parseJson<UnmanagedReport>(join(dir, UNMANAGED_FILE), unmanaged) } : {}),
    ...(warnings ? { warnings: parseJson<WarningsReport>(join(dir, WARNINGS_FILE), warnings) } : {}),
  });
}

/** readStackPlan, with the guardrail impact computed from the plan: what every reader that judges or shows a plan uses. */
export const readPlannedStack = (name: string, dir: string): Promise<StackPlan> => withGuardrailImpact(readStackPlan(name, dir));
