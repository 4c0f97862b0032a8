// `aws-org plan-comment`: the pull request comment (and job summary) for the planned stacks.
import type { Command } from "commander";
import { appendFileSync, writeFileSync } from "node:fs";
import { guardForStacks, parseLabels } from "../guard/guard-for-stacks.js";
import { renderPlanComment } from "../plan-comment/render-comment.js";
import { runUrlFromEnv } from "./github-options.js";
import { addStackOptions, readStacks, type StackSelection } from "./stack-options.js";

export function registerPlanCommentCommand(program: Command): void {
  addStackOptions(program.command("plan-comment").description("render the plan comment for the planned stacks"))
    .option("-o, --out <file>", "write the Markdown here instead of stdout")
    .option("--title <text>", "heading", "OpenTofu plan")
    .option("--artifact <name>", "name of the uploaded plan artifact", "tofu-plan")
    .action(async (options: StackSelection & { labels?: string; allowFile: string; rulesFile: string; out?: string; title: string; artifact: string }) => {
      const stacks = await readStacks(options);
      const body = renderPlanComment(stacks, {
        guard: guardForStacks(stacks, { labels: parseLabels(options.labels), allowFile: options.allowFile, rulesFile: options.rulesFile }),
        title: options.title,
        runUrl: runUrlFromEnv(),
        artifactName: options.artifact,
      });
      if (options.out) writeFileSync(options.out, body);
      else process.stdout.write(body);
      // The same Markdown in the job summary, which has room for what the comment leaves out.
      if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${body}\n`);
    });
}
