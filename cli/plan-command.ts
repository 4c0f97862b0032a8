// `aws-org plan`: init and plan each stack, keeping what the comment, the guard and the apply
// need beside it (tfplan, tfplan.json, tfplan.txt, or plan-error.txt). Exit code as
// `plan -detailed-exitcode`: 0 no changes, 2 changes, 1 a plan failed.
import type { Command } from "commander";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PLAN_FILES } from "../plan-comment/stack-plan-files.js";
import { Tofu } from "../tofu/tofu-runner.js";
import { explainStateLock, parseStateLockError } from "../state-lock/lock-error.js";
import { addStackOption, collect, selectedStacks, type StackSelection } from "./stack-options.js";

export function registerPlanCommand(program: Command): void {
  addStackOption(program.command("plan").description("tofu init + plan for each stack, writing tfplan, tfplan.json, tfplan.txt or plan-error.txt"))
    .option("--init-arg <arg>", "extra argument for tofu init, e.g. -backend-config=... (repeatable)", collect, [])
    .action(async (options: StackSelection & { initArg: string[] }) => {
      const tofu = new Tofu(process.env.TOFU_BIN ?? "tofu", { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0" }, { log: false });
      let worst = 0;
      for (const { name, dir } of selectedStacks(options)) {
        for (const file of Object.values(PLAN_FILES)) if (file !== PLAN_FILES.synthesized) rmSync(join(dir, file), { force: true });
        const failed = (output: string) => {
          const lock = parseStateLockError(output);
          writeFileSync(join(dir, PLAN_FILES.error), lock ? `${output}\n${explainStateLock(lock, dir)}\n` : output);
          process.stderr.write(`${name}: plan failed\n${output}\n`);
          worst = 1;
        };
        const init = await tofu.run(dir, ["init", "-no-color", "-input=false", ...options.initArg], { expectCodes: null });
        if (init.code !== 0) {
          failed(init.stderr || init.stdout);
          continue;
        }
        const plan = await tofu.run(dir, ["plan", "-no-color", "-input=false", "-detailed-exitcode", `-out=${PLAN_FILES.plan}`], { expectCodes: null });
        if (plan.code !== 0 && plan.code !== 2) {
          failed(plan.stderr || plan.stdout);
          continue;
        }
        writeFileSync(join(dir, PLAN_FILES.json), (await tofu.run(dir, ["show", "-json", PLAN_FILES.plan])).stdout);
        writeFileSync(join(dir, PLAN_FILES.text), (await tofu.run(dir, ["show", "-no-color", PLAN_FILES.plan])).stdout);
        process.stdout.write(`${name}: ${plan.code === 2 ? "changes" : "no changes"} (${dir}/${PLAN_FILES.json})\n`);
        if (worst !== 1 && plan.code === 2) worst = 2;
      }
      process.exitCode = worst;
    });
}
