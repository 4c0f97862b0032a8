// Planning one stack, in one place: init -> plan -detailed-exitcode -> show -json and show, the
// results written beside the stack as plan/read-stack-plan.ts reads them. Used by `aws-org plan`,
// the sandbox and the plan fixture generator.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanJson } from "../plan/plan-json.js";
import { PLAN_FILES } from "../plan/read-stack-plan.js";
import { explainStateLock, parseStateLockError } from "./lock-error.js";
import type { Tofu } from "./tofu-runner.js";

export interface PlanStackOptions {
  /** Extra arguments for tofu init, e.g. -backend-config=...; init is skipped when false. */
  init?: string[] | false;
  /** Extra arguments for tofu plan. */
  planArgs?: string[];
}

export type PlannedStack =
  | { outcome: "changes" | "no changes"; plan: PlanJson }
  | { outcome: "failed"; error: string };

/** Plans the stack in `dir`, leaving tfplan, tfplan.json and tfplan.txt, or plan-error.txt. */
export async function planStack(tofu: Tofu, dir: string, options: PlanStackOptions = {}): Promise<PlannedStack> {
  for (const file of [PLAN_FILES.plan, PLAN_FILES.json, PLAN_FILES.text, PLAN_FILES.error]) rmSync(join(dir, file), { force: true });
  const failed = (output: string): PlannedStack => {
    const lock = parseStateLockError(output);
    const error = lock ? `${output}\n${explainStateLock(lock, dir)}\n` : output;
    writeFileSync(join(dir, PLAN_FILES.error), error);
    return { outcome: "failed", error };
  };
  if (options.init !== false) {
    const init = await tofu.run(dir, ["init", "-no-color", "-input=false", ...(options.init ?? [])], { expectCodes: null });
    if (init.code !== 0) return failed(init.stderr || init.stdout);
  }
  const planned = await tofu.run(dir, ["plan", "-no-color", "-input=false", "-detailed-exitcode", `-out=${PLAN_FILES.plan}`, ...(options.planArgs ?? [])], {
    expectCodes: null,
  });
  if (planned.code !== 0 && planned.code !== 2) return failed(planned.stderr || planned.stdout);
  // Both read the same saved plan: run them side by side.
  const [json, text] = await Promise.all([tofu.run(dir, ["show", "-json", PLAN_FILES.plan]), tofu.run(dir, ["show", "-no-color", PLAN_FILES.plan])]);
  writeFileSync(join(dir, PLAN_FILES.json), json.stdout);
  writeFileSync(join(dir, PLAN_FILES.text), text.stdout);
  return { outcome: planned.code === 2 ? "changes" : "no changes", plan: JSON.parse(json.stdout) as PlanJson };
}
