// Planning one stack, in one place: init -> plan -detailed-exitcode -> show -json and show, the
// results written beside the stack as plan/read-stack-plan.ts reads them. Used by `aws-org plan`,
// the sandbox and the plan fixture generator.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PlanJson } from "../plan/plan-json.js";
import { PLAN_FILES } from "../plan/read-stack-plan.js";
import { UNMANAGED_FILE } from "../plan/unmanaged.js";
import { explainStateLock, parseStateLockError } from "./lock-error.js";
import type { Tofu } from "./tofu-runner.js";
import { planTimeoutMs } from "./plan-timeout.js";
import { WARNINGS_FILE } from "../plan/limit-warnings-report.js";

export interface PlanStackOptions {
  /**
   * Extra arguments for tofu init, e.g. -backend-config=...; false: never init. init is also skipped
   * when the directory was initialized for the same providers, backend and arguments.
   */
  init?: string[] | false;
  /** Extra arguments for tofu plan. */
  planArgs?: string[];
  /** Bound for the plan itself; default planTimeoutMs (grows with the stack's instances). */
  timeoutMs?: number;
}

export type PlannedStack =
  | { outcome: "changes" | "no changes"; plan: PlanJson; init: InitDone }
  | { outcome: "failed"; error: string };

/** Whether `tofu init` ran before the plan: not asked for, run, or skipped as already done. */
export type InitDone = "not asked" | "ran" | "skipped";

/** Written by a successful init: what it was run for. */
export const INIT_FINGERPRINT = ".terraform/aws-org-init.sha256";
/** tofu's ways of saying the working directory needs `tofu init`. */
const NEEDS_INIT = /Backend initialization required|Required plugins are not installed|Inconsistent dependency lock file|Missing required provider|please run "tofu init"/i;

/** The terraform block (providers, backend), the init arguments and the tofu binary: what init depends on. */
function initFingerprint(dir: string, bin: string, initArgs: string[]): string {
  const synthesized = JSON.parse(readFileSync(join(dir, PLAN_FILES.synthesized), "utf8")) as { terraform?: unknown };
  return createHash("sha256").update(JSON.stringify({ terraform: synthesized.terraform ?? null, initArgs, bin })).digest("hex");
}

/** True when the last init here was for the same providers, backend, arguments and tofu, and left its lock file. */
export function isInitialized(dir: string, bin: string, initArgs: string[]): boolean {
  const recorded = join(dir, INIT_FINGERPRINT);
  if (!existsSync(recorded) || !existsSync(join(dir, ".terraform.lock.hcl")) || !existsSync(join(dir, PLAN_FILES.synthesized))) return false;
  return readFileSync(recorded, "utf8") === initFingerprint(dir, bin, initArgs);
}

/** Plans the stack in `dir`, leaving tfplan, tfplan.json and tfplan.txt, or plan-error.txt. */
export async function planStack(tofu: Tofu, dir: string, options: PlanStackOptions = {}): Promise<PlannedStack> {
  for (const file of [PLAN_FILES.plan, PLAN_FILES.json, PLAN_FILES.text, PLAN_FILES.error, UNMANAGED_FILE, WARNINGS_FILE]) rmSync(join(dir, file), { force: true });
  const failed = (output: string): PlannedStack => {
    const lock = parseStateLockError(output);
    const error = lock ? `${output}\n${explainStateLock(lock, dir)}\n` : output;
    writeFileSync(join(dir, PLAN_FILES.error), error);
    return { outcome: "failed", error };
  };
  const init = async (): Promise<string | undefined> => {
    const initArgs = options.init || [];
    const result = await tofu.run(dir, ["init", "-no-color", "-input=false", ...initArgs], { expectCodes: null });
    if (result.code !== 0) return result.stderr || result.stdout;
    writeFileSync(join(dir, INIT_FINGERPRINT), initFingerprint(dir, tofu.bin, initArgs));
    return undefined;
  };
  // init costs most of a second and changes nothing when providers and backend are as last time.
  const skippedInit = options.init !== false && isInitialized(dir, tofu.bin, options.init ?? []);
  if (options.init !== false && !skippedInit) {
    const error = await init();
    if (error) return failed(error);
  }
  const timeoutMs = options.timeoutMs ?? planTimeoutMs(dir);
  const plan = () =>
    tofu.run(dir, ["plan", "-no-color", "-input=false", "-detailed-exitcode", `-out=${PLAN_FILES.plan}`, ...(options.planArgs ?? [])], { expectCodes: null, timeoutMs });
  let planned = await plan();
  let initAfterAll = false;
  if (skippedInit && planned.code === 1 && NEEDS_INIT.test(planned.stderr)) {
    initAfterAll = true;
    // The working directory was not what its fingerprint said (edited by hand): init after all.
    const error = await init();
    if (error) return failed(error);
    planned = await plan();
  }
  if (planned.code !== 0 && planned.code !== 2) return failed(planned.stderr || planned.stdout);
  // Both read the same saved plan: run them side by side.
  const [json, text] = await Promise.all([tofu.run(dir, ["show", "-json", PLAN_FILES.plan]), tofu.run(dir, ["show", "-no-color", PLAN_FILES.plan])]);
  writeFileSync(join(dir, PLAN_FILES.json), json.stdout);
  writeFileSync(join(dir, PLAN_FILES.text), text.stdout);
  const initDone: InitDone = options.init === false ? "not asked" : skippedInit && !initAfterAll ? "skipped" : "ran";
  return { outcome: planned.code === 2 ? "changes" : "no changes", plan: JSON.parse(json.stdout) as PlanJson, init: initDone };
}
