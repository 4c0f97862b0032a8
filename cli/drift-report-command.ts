// `aws-org drift-report`: after a scheduled `aws-org plan`, opens or updates the drift issue when
// a stack has changes, and closes it when every plan is clean.
import type { Command } from "commander";
import { reportDrift } from "../github-api/drift-issue.js";
import { guardForStacks } from "../guard/guard-for-stacks.js";
import { renderPlanComment } from "../plan-comment/render-comment.js";
import { addGitHubOptions, gitHubFrom, runUrlFromEnv, type GitHubOptions } from "./github-options.js";
import { addStackOption, readStacks, type StackSelection } from "./stack-options.js";

export function registerDriftReportCommand(program: Command): void {
  addStackOption(addGitHubOptions(program.command("drift-report").description("open, update or close the drift issue from scheduled plans")))
    .action(async (options: GitHubOptions & StackSelection) => {
      const { github, repository } = gitHubFrom(options);
      const stacks = await readStacks(options);
      // An account or OU made outside the config is drift too: Terraform alone would never report it.
      const drifted = stacks.some((s) => s.error || (s.summary?.total ?? 0) > 0 || (s.unmanaged?.objects.length ?? 0) > 0);
      const body = renderPlanComment(stacks, { guard: guardForStacks(stacks), title: "Drift check", runUrl: runUrlFromEnv() });
      const result = await reportDrift(github, { ...repository, drifted, body });
      process.stdout.write(`drift: ${drifted ? "yes" : "no"}; issue ${result.action}${result.number ? ` #${result.number}` : ""}\n`);
    });
}
