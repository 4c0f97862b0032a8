// `aws-org verify-reviewed`: on merge, refuses to apply a plan that differs from the one the
// pull request's comment recorded.
import type { Command } from "commander";
import { appendFileSync } from "node:fs";
import { compareWithReviewed, pullRequestForCommit, pullRequestLabels, reviewedDigests } from "../github-api/reviewed-plan.js";
import { addGitHubOptions, gitHubFrom, type GitHubOptions } from "./github-options.js";
import { addStackOption, selectedStacks, type StackSelection } from "./stack-options.js";
import { readStackPlan } from "../plan/read-stack-plan.js";

export function registerVerifyReviewedCommand(program: Command): void {
  addStackOption(addGitHubOptions(program.command("verify-reviewed").description("fail unless each stack's new plan equals the reviewed one")))
    .option("--sha <commit>", "the merge commit (default: GITHUB_SHA)", process.env.GITHUB_SHA)
    .option("--pr <number>", "the pull request, when known", Number)
    .action(async (options: GitHubOptions & StackSelection & { sha?: string; pr?: number }) => {
      const { github, repository } = gitHubFrom(options);
      // Digests only: no guardrail impact to compute.
      const stacks = selectedStacks(options).map(({ name, dir }) => readStackPlan(name, dir));
      const failed = stacks.filter((s) => s.error);
      if (failed.length > 0) throw new Error(`plan failed for ${failed.map((s) => s.name).join(", ")}: nothing to compare`);
      const pr = options.pr ?? (options.sha ? await pullRequestForCommit(github, repository, options.sha) : undefined);
      if (!pr) throw new Error(`no pull request found for commit ${options.sha ?? "(none given)"}: only reviewed changes are applied`);
      const current = Object.fromEntries(stacks.map((s) => [s.name, s.digest!]));
      const comparison = compareWithReviewed(await reviewedDigests(github, repository, pr, options.author), current);
      for (const problem of comparison.problems) process.stderr.write(`${problem}\n`);
      process.stdout.write(comparison.same ? `The plans equal the ones reviewed in #${pr}.\n` : `Refusing to apply: see above. Re-run the pull request's plan.\n`);
      // The apply job reports back on this pull request, and guards with its labels.
      const labels = await pullRequestLabels(github, repository, pr);
      process.stdout.write(`Labels of #${pr}: ${labels.join(", ") || "(none)"}\n`);
      if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `pr=${pr}\nlabels=${labels.join(",")}\n`);
      process.exitCode = comparison.same ? 0 : 1;
    });
}
