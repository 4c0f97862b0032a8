// `aws-org plan`: init and plan each stack, keeping what the comment, the guard and the apply
// need beside it (tfplan, tfplan.json, tfplan.txt, or plan-error.txt). Exit code as
// `plan -detailed-exitcode`: 0 no changes, 2 changes, 1 a plan failed.
import type { Command } from "commander";
import { join } from "node:path";
import { PLAN_FILES } from "../plan/read-stack-plan.js";
import { planStack } from "../tofu/plan-stack.js";
import { Tofu } from "../tofu/tofu-runner.js";
import { addStackOption, collect, selectedStacks, type StackSelection } from "./stack-options.js";

export function registerPlanCommand(program: Command): void {
  addStackOption(program.command("plan").description("tofu init + plan for each stack, writing tfplan, tfplan.json, tfplan.txt or plan-error.txt"))
    .option("--init-arg <arg>", "extra argument for tofu init, e.g. -backend-config=... (repeatable)", collect, [])
    .action(async (options: StackSelection & { initArg: string[] }) => {
      const tofu = new Tofu(process.env.TOFU_BIN ?? "tofu", { ...process.env, TF_IN_AUTOMATION: "1", TF_INPUT: "0" }, { log: false });
      let worst = 0;
      for (const { name, dir } of selectedStacks(options)) {
        const planned = await planStack(tofu, dir, { init: options.initArg });
        if (planned.outcome === "failed") {
          process.stderr.write(`${name}: plan failed\n${planned.error}\n`);
          worst = 1;
          continue;
        }
        if (planned.init === "skipped") process.stdout.write(`${name}: init skipped (initialized before for the same providers and backend)\n`);
        process.stdout.write(`${name}: ${planned.outcome} (${join(dir, PLAN_FILES.json)})\n`);
        if (worst !== 1 && planned.outcome === "changes") worst = 2;
      }
      process.exitCode = worst;
    });
}
